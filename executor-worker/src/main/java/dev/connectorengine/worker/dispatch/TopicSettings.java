package dev.connectorengine.worker.dispatch;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Kafka topics this worker declares ({@code connector-engine.kafka.*}).
 *
 * @param partitions partitions of the jobs, dead-letter and events topics
 * @param replicationFactor replicas of each topic
 */
@ConfigurationProperties("connector-engine.kafka")
record TopicSettings(
    @DefaultValue("24") int partitions, @DefaultValue("1") short replicationFactor) {}
