package dev.driftwise.streams.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.schemas.DriftPhase;
import dev.driftwise.schemas.Sample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File outputs of {@code gen}: CSV and Avro containers, deterministic by seed, and CSV replay into them. */
class GenFileOutputTest {

    @TempDir
    Path dir;

    private Path generate(String file, long seed, String... extra) {
        Path out = dir.resolve(file);
        List<String> args = new ArrayList<>(List.of("--scenario", "tiny-4", "--seed", String.valueOf(seed), "--count", "400", "--out", out.toString()));
        args.addAll(List.of(extra));
        Run run = Run.gen(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.toString());
        return out;
    }

    private static List<Sample> read(Path avro) throws IOException {
        List<Sample> records = new ArrayList<>();
        try (DataFileReader<Sample> reader = new DataFileReader<>(avro.toFile(), new SpecificDatumReader<>(Sample.class))) {
            reader.forEach(records::add);
        }
        return records;
    }

    @Test
    void csvHasTheDocumentedHeaderAndOneRowPerSampleRoundRobin() throws IOException {
        List<String> lines = Files.readAllLines(generate("a.csv", 1));
        assertEquals("stream_id,seq,f0,f1,f2,target,concept_id,drift_phase,mix_probability", lines.get(0));
        assertEquals(401, lines.size(), "header + 400 rows");
        assertTrue(lines.get(1).startsWith("s0,0,") && lines.get(2).startsWith("s1,0,") && lines.get(5).startsWith("s0,1,"),
                "rows interleave the 4 streams round robin: " + lines.subList(1, 6));
        // tiny streams flip concept every 50 samples: s0's seq 50 is the first sample of concept 1
        String flip = lines.stream().filter(l -> l.startsWith("s0,50,")).findFirst().orElseThrow();
        assertTrue(flip.endsWith(",1,ABRUPT,0.0"), flip);
    }

    @Test
    void theSameSeedWritesTheSameCsvBytesAndAnotherSeedDoesNot() throws IOException {
        byte[] first = Files.readAllBytes(generate("a.csv", 7));
        byte[] again = Files.readAllBytes(generate("b.csv", 7));
        byte[] other = Files.readAllBytes(generate("c.csv", 8));
        assertArrayEquals(first, again, "two runs with seed 7");
        assertFalse(java.util.Arrays.equals(first, other), "seeds 7 and 8 wrote the same file");
    }

    @Test
    void theSameSeedWritesTheSameAvroBytes() throws IOException {
        byte[] first = Files.readAllBytes(generate("a.avro", 7));
        byte[] again = Files.readAllBytes(generate("b.avro", 7));
        assertArrayEquals(first, again, "two Avro container files with seed 7 differ (sync marker, event times or provenance not fixed?)");
    }

    @Test
    void avroRecordsCarrySeqGroundTruthSourceAndSyntheticEventTimes() throws IOException {
        List<Sample> records = read(generate("a.avro", 3, "--start-time", "2026-02-01T00:00:00Z"));
        assertEquals(400, records.size());
        Map<String, Long> nextSeq = new HashMap<>();
        for (Sample s : records) {
            long expected = nextSeq.getOrDefault(s.getStreamId(), 0L);
            assertEquals(expected, s.getSeq(), "seq of " + s.getStreamId());
            nextSeq.put(s.getStreamId(), expected + 1);
            assertEquals(3, s.getFeatures().size());
            assertEquals("scenario=tiny-4 seed=3", s.getSource());
            assertNotNull(s.getGroundTruth());
            assertEquals((int) (s.getSeq() / 50) % 2, s.getGroundTruth().getConceptId());
            // unpaced file, no scenario rate: samples 1 ms apart from --start-time
            assertEquals(Instant.parse("2026-02-01T00:00:00Z").plusMillis(s.getSeq()), s.getEventTime());
            assertEquals("driftwise-streams-gen", s.getProvenance().getProducerName());
        }
        assertEquals(Map.of("s0", 100L, "s1", 100L, "s2", 100L, "s3", 100L), nextSeq);
        assertEquals(DriftPhase.ABRUPT, records.get(4 * 50).getGroundTruth().getPhase());
    }

    @Test
    void aBuiltInScenarioOfTheLibraryWritesTheSameCsvForTheSameSeed() throws IOException {
        Path a = dir.resolve("mixed-a.csv");
        Path b = dir.resolve("mixed-b.csv");
        for (Path out : List.of(a, b)) {
            Run run = Run.genWithLibrary("--scenario", "mixed-demo", "--seed", "11", "--count", "3000", "--out", out.toString());
            assertEquals(0, run.exitCode(), run.toString());
            assertTrue(run.err().contains("3,000 samples from 3 streams (scenario=mixed-demo seed=11)"), run.toString());
        }
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), "mixed-demo with seed 11 written twice");
        List<String> lines = Files.readAllLines(a);
        assertEquals(3001, lines.size());
        assertTrue(lines.get(1).startsWith("sea,0,") && lines.get(2).startsWith("hyperplane,0,") && lines.get(3).startsWith("agrawal,0,"),
                "the three streams at equal rates interleave round robin: " + lines.subList(1, 4));
        int columns = lines.get(0).split(",", -1).length;
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",", -1);
            assertEquals(columns, cells.length, "cells in line " + (i + 1) + ": " + lines.get(i));
            if (cells[0].equals("sea")) {   // a binary task: the class index is written as a whole number
                assertTrue(cells[columns - 4].equals("0") || cells[columns - 4].equals("1"), "sea target in line " + (i + 1) + ": " + lines.get(i));
            }
        }
    }

    @Test
    void aGoodCsvReplaysIntoAFileWithoutGroundTruth() throws IOException {
        Path input = dir.resolve("prices.csv");
        Files.writeString(input, "day,open,volume,close\n1,10.5,300,11\n2,11,250,10.75\n3,10.75,400,12\n");
        Path avro = dir.resolve("replayed.avro");
        Run run = Run.gen("--replay", input.toString(), "--target", "close", "--ignore-column", "day", "--out", avro.toString());
        assertEquals(0, run.exitCode(), run.toString());
        List<Sample> records = read(avro);
        assertEquals(3, records.size());
        assertEquals("prices", records.get(0).getStreamId());
        assertEquals(List.of(11f, 250f), records.get(1).getFeatures());
        assertEquals(10.75, records.get(1).getTarget());
        assertNull(records.get(2).getGroundTruth(), "replayed real data has no ground truth");
        assertEquals("replay=prices.csv", records.get(2).getSource());

        Path csv = dir.resolve("replayed.csv");
        assertEquals(0, Run.gen("--replay", input.toString(), "--target", "close", "--ignore-column", "day",
                "--stream-id", "p", "--out", csv.toString()).exitCode());
        assertEquals(List.of("stream_id,seq,f0,f1,target,concept_id,drift_phase,mix_probability",
                "p,0,10.5,300.0,11.0,,,", "p,1,11.0,250.0,10.75,,,", "p,2,10.75,400.0,12.0,,,"), Files.readAllLines(csv));
    }

    @Test
    void aGeneratedCsvReplaysToTheSameFeaturesAndTargets() throws IOException {
        Path generated = generate("one.csv", 9);   // tiny-4: 4 streams, keep s2's rows
        List<String> rows = Files.readAllLines(generated);
        List<String> s2 = new ArrayList<>(List.of(rows.get(0)));
        rows.stream().filter(r -> r.startsWith("s2,")).forEach(s2::add);
        Path input = dir.resolve("s2.csv");
        Files.write(input, s2);
        Path replayed = dir.resolve("replayed.csv");
        Run run = Run.gen("--replay", input.toString(), "--target", "target", "--stream-id", "s2",
                "--ignore-column", "stream_id,seq", "--ignore-column", "concept_id,drift_phase,mix_probability", "--out", replayed.toString());
        assertEquals(0, run.exitCode(), run.toString());
        List<String> back = Files.readAllLines(replayed);
        assertEquals(s2.size(), back.size());
        for (int i = 1; i < s2.size(); i++) {
            String original = s2.get(i).substring(0, s2.get(i).lastIndexOf(",", s2.get(i).lastIndexOf(",", s2.get(i).lastIndexOf(",") - 1) - 1));
            assertEquals(original + ",,,", back.get(i), "row " + i + ": features and target must survive a CSV round trip exactly");
        }
    }

    @Test
    void badCsvDataStopsWithFileLineAndColumnAndWritesNothingToKafka() throws IOException {
        Path input = dir.resolve("bad.csv");
        Files.writeString(input, "a,b,y\n1,2,3\n4,x,6\n");
        // no broker runs at port 9: the CSV must be rejected before any connection is tried
        Run run = Run.gen("--replay", input.toString(), "--target", "y", "--bootstrap", "127.0.0.1:9");
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().contains(input + ":3: column 'b' (2): 'x' is not a number"), run.toString());
        assertTrue(run.seconds() < 5, "rejected after " + run.seconds() + " s: it tried Kafka first");
    }

    @Test
    void anUnknownTargetColumnIsABadArgument() throws IOException {
        Path input = dir.resolve("ok.csv");
        Files.writeString(input, "a,b,y\n1,2,3\n");
        Run run = Run.gen("--replay", input.toString(), "--target", "price", "--out", dir.resolve("x.csv").toString());
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("'--target': 'price' is not a column of " + input + "; its columns are: a, b, y"), run.toString());
    }
}
