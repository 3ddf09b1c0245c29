package io.openfraud.retraining.registry.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.openfraud.events.Topics;
import io.openfraud.events.model.ModelLifecycleEvent;
import io.openfraud.events.model.ModelLifecycleEvent.Cause;
import io.openfraud.events.model.ModelLifecycleEvent.Stage;
import io.openfraud.retraining.outbox.Outbox;
import io.openfraud.retraining.registry.artifact.ArtifactStore;
import io.openfraud.retraining.registry.artifact.ArtifactStores;
import io.openfraud.retraining.registry.config.RegistryConfig;
import io.openfraud.retraining.registry.persistence.ModelVersionEntity;
import io.openfraud.retraining.registry.persistence.ModelVersionRepository;
import io.openfraud.retraining.registry.persistence.RegistryAuditEntity;
import io.openfraud.retraining.registry.persistence.RegistryAuditEntity.Action;
import io.openfraud.retraining.registry.persistence.RegistryAuditRepository;
import io.openfraud.retraining.registry.rest.AuditView;
import io.openfraud.retraining.registry.rest.ModelVersionView;
import io.openfraud.web.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The model registry: versions with their lineage, the {@code champion} and {@code challenger} aliases (a version's
 * stage; at most one of each, enforced by unique indexes), the promotion gate, manual promotion and rollback. Every
 * alias change is audited and announced on {@code models.lifecycle} through the transactional outbox, in the same
 * transaction, so a committed change is never lost to a broker outage and nothing is announced that did not commit.
 * Changes of the whole deployment are serialised by a transaction-scoped advisory lock.
 */
@ApplicationScoped
public class ModelRegistry {

    private static final Logger LOG = Logger.getLogger(ModelRegistry.class);

    /** Aliases a version can hold. */
    public enum Alias {
        champion(Stage.CHAMPION), challenger(Stage.CHALLENGER);

        final Stage stage;

        Alias(Stage stage) {
            this.stage = stage;
        }

        /** The alias named {@code name}, if there is one. */
        public static Optional<Alias> named(String name) {
            for (Alias alias : values()) {
                if (alias.name().equals(name)) {
                    return Optional.of(alias);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * A registered version and what the gate decided.
     *
     * @param version  the version as the API shows it
     * @param decision the gate's decision
     * @param auditId  the audit record of the decision
     */
    public record Registration(ModelVersionView version, PromotionGate.Decision decision, long auditId) {
    }

    /**
     * An artifact's bytes, verified.
     *
     * @param version           the version
     * @param featureSetVersion its feature set
     * @param sha256            the checksum the bytes have
     * @param bytes             the artifact
     */
    public record Artifact(String version, String featureSetVersion, String sha256, byte[] bytes) {
    }

    private final ModelVersionRepository versions;
    private final RegistryAuditRepository audit;
    private final ArtifactStores stores;
    private final Outbox outbox;
    private final RegistryConfig config;
    private final PromotionGate gate;
    private final MeterRegistry meters;

    ModelRegistry(ModelVersionRepository versions, RegistryAuditRepository audit, ArtifactStores stores,
            Outbox outbox, RegistryConfig config, MeterRegistry meters) {
        this.meters = meters;
        this.versions = versions;
        this.audit = audit;
        this.stores = stores;
        this.outbox = outbox;
        this.config = config;
        this.gate = new PromotionGate(config.gate());
    }

    /** Every version, newest first. */
    @Transactional
    public List<ModelVersionView> list() {
        return versions.newestFirst().stream().map(this::view).toList();
    }

    /** One version. */
    @Transactional
    public Optional<ModelVersionView> get(String version) {
        return versions.byVersion(config.modelName(), version).map(this::view);
    }

    /** The version holding {@code alias}. */
    @Transactional
    public Optional<ModelVersionView> alias(Alias alias) {
        return versions.inStage(config.modelName(), alias.stage).map(this::view);
    }

    /** The bytes of {@code version}, read from its store and verified against its registered checksum. */
    @Transactional
    public Optional<Artifact> artifact(String version) {
        return versions.byVersion(config.modelName(), version).map(this::read);
    }

    /** The champion's bytes (what a training run evaluates the candidate against), verified. */
    @Transactional
    public Optional<Artifact> championArtifact() {
        return versions.inStage(config.modelName(), Stage.CHAMPION).map(this::read);
    }

    /** The latest {@code limit} audit records, newest first. */
    @Transactional
    public List<AuditView> audit(int limit) {
        return audit.latest(config.modelName(), limit).stream().map(a -> new AuditView(a.id, a.modelName, a.action,
                a.fromVersion, a.toVersion, a.principal, a.reason, a.at)).toList();
    }

    /**
     * Registers a trained version and applies the promotion gate: champion if it is the first or not worse than the
     * champion on the same test window (the champion is retired), challenger otherwise (a previous challenger is
     * retired). Joins the caller's transaction, so a training run's outcome commits with the version.
     */
    @Transactional
    public Registration register(NewVersion candidate) {
        versions.lockRegistry();
        String model = config.modelName();
        Optional<ModelVersionEntity> champion = versions.inStage(model, Stage.CHAMPION);
        PromotionGate.Decision decision = gate.decide(candidate.metrics(),
                champion.map(c -> c.version).orElse(null), candidate.parentVersion(), candidate.parentMetrics());
        Instant now = now();
        List<Change> changes = new ArrayList<>();
        String replaced = null;
        if (decision.promote()) {
            if (champion.isPresent()) {
                replaced = champion.get().version;
                changes.add(demote(champion.get()));
            }
        } else {
            versions.inStage(model, Stage.CHALLENGER).ifPresent(old -> changes.add(demote(old)));
        }
        versions.flush();

        ArtifactStore store = stores.forWrites();
        ModelVersionEntity e = new ModelVersionEntity();
        e.modelName = model;
        e.version = versions.nextVersion();
        e.stage = decision.promote() ? Stage.CHAMPION : Stage.CHALLENGER;
        e.featureSetVersion = candidate.featureSetVersion();
        e.sha256 = candidate.sha256();
        e.synthetic = candidate.synthetic();
        e.createdAt = now;
        e.dataWindowStart = candidate.dataWindowStart();
        e.dataWindowEnd = candidate.dataWindowEnd();
        e.testWindowStart = candidate.testWindowStart();
        e.testWindowEnd = candidate.testWindowEnd();
        e.rowCount = candidate.rowCount();
        e.labelCount = candidate.labelCount();
        e.fraudLabelCount = candidate.fraudLabelCount();
        e.hyperparameters = candidate.hyperparameters();
        e.metrics = candidate.metrics();
        e.parentMetrics = candidate.parentMetrics();
        e.parentVersion = candidate.parentVersion();
        e.replacedVersion = replaced;
        e.trigger = candidate.trigger();
        e.trainingRunId = candidate.trainingRunId();
        e.createdBy = candidate.createdBy();
        e.artifactStore = store.kind();
        e.artifactSize = candidate.artifact().length;
        versions.persistAndFlush(e);
        e.artifactLocation = store.write(e.id, model, e.version, candidate.artifact(), candidate.sha256());
        changes.add(0, new Change(e, null));

        Action action = decision.first() ? Action.FIRST_CHAMPION
                : decision.promote() ? Action.GATE_PROMOTED : Action.GATE_HELD;
        long auditId = record(action, champion.map(c -> c.version).orElse(null), e.version, candidate.createdBy(),
                decision.reason(), now);
        publish(changes, Cause.GATE, auditId, now);
        LOG.infof("registered %s %s as %s: %s", model, e.version, e.stage, decision.reason());
        return new Registration(view(e), decision, auditId);
    }

    /**
     * Makes {@code version} the champion by hand; the champion is retired and remembered as the one to roll back to.
     *
     * @throws ProblemException 404 for an unknown version, 409 if it is the champion already
     */
    @Transactional
    public ModelVersionView promote(String version, String principal, String reason) {
        versions.lockRegistry();
        String model = config.modelName();
        ModelVersionEntity target = versions.byVersion(model, version).orElseThrow(() -> unknown(version));
        if (target.stage == Stage.CHAMPION) {
            throw new ProblemException(409, "Version " + version + " is the champion already.");
        }
        Instant now = now();
        Optional<ModelVersionEntity> champion = versions.inStage(model, Stage.CHAMPION);
        List<Change> changes = new ArrayList<>();
        champion.ifPresent(c -> changes.add(demote(c)));
        versions.flush();
        changes.add(0, new Change(target, target.stage));
        target.stage = Stage.CHAMPION;
        target.replacedVersion = champion.map(c -> c.version).orElse(null);
        versions.flush();
        long auditId = record(Action.MANUAL_PROMOTION, target.replacedVersion, version, principal, reason, now);
        publish(changes, Cause.MANUAL_PROMOTION, auditId, now);
        LOG.infof("%s promoted %s %s to champion (was %s): %s", principal, model, version,
                target.replacedVersion, reason);
        return view(target);
    }

    /**
     * Rolls the champion {@code version} back to the champion it replaced; {@code version} is retired. Naming the
     * version guards against rolling back a champion that changed since the caller looked.
     *
     * @return the restored champion
     * @throws ProblemException 404 for an unknown version, 409 if it is not the champion or replaced none
     */
    @Transactional
    public ModelVersionView rollback(String version, String principal, String reason) {
        versions.lockRegistry();
        String model = config.modelName();
        ModelVersionEntity current = versions.byVersion(model, version).orElseThrow(() -> unknown(version));
        if (current.stage != Stage.CHAMPION) {
            throw new ProblemException(409, "Version " + version + " is not the champion (it is " + current.stage
                    + "); only the champion can be rolled back.");
        }
        if (current.replacedVersion == null) {
            throw new ProblemException(409, "Version " + version + " replaced no champion: there is nothing to roll "
                    + "back to.");
        }
        ModelVersionEntity previous = versions.byVersion(model, current.replacedVersion).orElseThrow(() ->
                new ProblemException(409, "The previous champion " + current.replacedVersion + " no longer exists."));
        Instant now = now();
        List<Change> changes = new ArrayList<>();
        changes.add(demote(current));
        versions.flush();
        changes.add(0, new Change(previous, previous.stage));
        previous.stage = Stage.CHAMPION;
        versions.flush();
        long auditId = record(Action.ROLLBACK, version, previous.version, principal, reason, now);
        publish(changes, Cause.ROLLBACK, auditId, now);
        LOG.infof("%s rolled %s back from %s to %s: %s", principal, model, version, previous.version, reason);
        return view(previous);
    }

    /** A version whose stage changed, and the stage it left (null when it was just registered). */
    private record Change(ModelVersionEntity version, Stage previous) {
    }

    private Change demote(ModelVersionEntity version) {
        Change change = new Change(version, version.stage);
        version.stage = Stage.RETIRED;
        return change;
    }

    private long record(Action action, String from, String to, String principal, String reason, Instant at) {
        RegistryAuditEntity entry = new RegistryAuditEntity();
        entry.modelName = config.modelName();
        entry.action = action;
        entry.fromVersion = from;
        entry.toVersion = to;
        entry.principal = principal;
        entry.reason = reason.length() > 2000 ? reason.substring(0, 2000) : reason;
        entry.at = at;
        audit.persistAndFlush(entry);
        // counted when written; a rolled-back change may count once too many, which a metric can bear
        meters.counter("openfraud.registry.changes", "action", action.name()).increment();
        return entry.id;
    }

    private void publish(List<Change> changes, Cause cause, long auditId, Instant at) {
        for (Change change : changes) {
            ModelVersionEntity v = change.version();
            ModelLifecycleEvent event = new ModelLifecycleEvent(v.modelName, v.version, v.stage, v.featureSetVersion,
                    v.sha256, artifactUri(v.version).toString(), v.metrics, v.synthetic, at, change.previous(), cause,
                    v.trigger, v.parentVersion, v.dataWindowStart, v.dataWindowEnd, auditId);
            outbox.enqueue(Topics.MODELS_LIFECYCLE, v.modelName, event, at);
        }
    }

    private Artifact read(ModelVersionEntity v) {
        byte[] bytes = stores.byKind(v.artifactStore).read(v.id, v.artifactLocation, v.sha256);
        return new Artifact(v.version, v.featureSetVersion, v.sha256, bytes);
    }

    /** Where other services download {@code version}'s artifact. */
    public URI artifactUri(String version) {
        String base = config.publicUrl().toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/api/v1/models/"
                + version + "/artifact");
    }

    private ModelVersionView view(ModelVersionEntity e) {
        List<String> aliases = switch (e.stage) {
            case CHAMPION -> List.of(Alias.champion.name());
            case CHALLENGER -> List.of(Alias.challenger.name());
            default -> List.of();
        };
        return new ModelVersionView(e.modelName, e.version, e.stage, aliases, e.featureSetVersion, e.sha256,
                e.artifactSize, artifactUri(e.version), e.synthetic, e.trigger, e.trainingRunId, e.parentVersion,
                e.replacedVersion, ModelVersionView.Window.of(e.dataWindowStart, e.dataWindowEnd),
                ModelVersionView.Window.of(e.testWindowStart, e.testWindowEnd), e.rowCount, e.labelCount,
                e.fraudLabelCount, e.hyperparameters, e.metrics, e.parentMetrics, e.createdBy, e.createdAt);
    }

    private static ProblemException unknown(String version) {
        return new ProblemException(404, "No model version " + version + ".");
    }

    /** Microseconds, as PostgreSQL keeps them, so what is returned equals what is read back. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
