package dev.driftwise.schemas.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.schemas.ModelSnapshot;
import dev.driftwise.schemas.Provenance;
import dev.driftwise.schemas.Sample;
import org.junit.jupiter.api.Test;

class ProducerIdentityTest {

    @Test
    void stampsTheVersionOfTheRecordItGoesInto() {
        ProducerIdentity me = new ProducerIdentity("driftwise-jobs", "0.1.0-SNAPSHOT", "job-1", "tm-0");
        Provenance forSample = me.provenanceFor(Sample.getClassSchema());
        assertEquals(2, forSample.getSchemaVersion(), "Sample is at version 2 (v1 lacked provenance)");
        assertEquals(2, me.provenanceFor(ModelSnapshot.getClassSchema()).getSchemaVersion(), "ModelSnapshot v2 added featureStatistics");
        assertEquals("driftwise-jobs", forSample.getProducerName());
        assertEquals("0.1.0-SNAPSHOT", forSample.getProducerVersion());
        assertEquals("job-1", forSample.getRunId());
        assertEquals("tm-0", forSample.getHost());
    }

    @Test
    void aMissingFieldIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ProducerIdentity("gen", " ", "run", "host"));
        assertTrue(e.getMessage().startsWith("producerVersion is blank"), e.getMessage());
    }

    @Test
    void theLocalHostIsNeverBlank() {
        assertFalse(ProducerIdentity.ofThisHost("gen", "1", "run").host().isBlank());
    }
}
