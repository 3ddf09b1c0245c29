package io.openfraud.platform.infra;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class MongoNodeTest {

    @Test
    void insertAndFindWithTheOfficialDriver() {
        try (MongoNode mongo = MongoNode.start();
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            assertThat(mongo.connectionString()).isEqualTo("mongodb://127.0.0.1:" + mongo.port());
            MongoCollection<Document> audit = client.getDatabase("governance").getCollection("audit");

            audit.insertOne(new Document("_id", "evt-1").append("subject", "psd-42").append("action", "ERASE"));
            audit.insertOne(new Document("_id", "evt-2").append("subject", "psd-7").append("action", "EXPORT"));

            assertThat(audit.find(eq("subject", "psd-42")).first()).containsEntry("action", "ERASE");
            assertThat(audit.countDocuments()).isEqualTo(2);
            List<String> ids = audit.find().map(d -> d.getString("_id")).into(new ArrayList<>());
            assertThat(ids).containsExactlyInAnyOrder("evt-1", "evt-2");
        }
    }
}
