import ai.djl.engine.Engine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Run once while building the image (java DjlEngineWarmup.java, with the service's libraries on the class path): loads
 * the PyTorch engine offline so that DJL unpacks libtorch and its JNI library into ENGINE_CACHE_DIR. The image keeps
 * that directory read-only; pods load the engine from it and never unpack at start or scale-out.
 */
public class DjlEngineWarmup {
    public static void main(String[] args) throws Exception {
        System.setProperty("ai.djl.offline", "true");
        String cache = System.getenv("ENGINE_CACHE_DIR");
        if (cache == null || cache.isBlank()) {
            throw new IllegalStateException("set ENGINE_CACHE_DIR to the directory to bake");
        }
        Engine engine = Engine.getEngine("PyTorch");
        try (Stream<Path> files = Files.walk(Path.of(cache))) {
            long libraries = files.filter(p -> p.getFileName().toString().contains(".so")).count();
            if (libraries == 0) {
                throw new IllegalStateException("no native library under " + cache);
            }
            System.out.printf("PyTorch %s baked into %s (%d native libraries)%n", engine.getVersion(), cache,
                    libraries);
        }
    }
}
