package dev.driftwise.streams.sink;

/**
 * Where a run's samples come from, stamped on every record: {@code source} is the provenance string
 * of {@code Sample.source} ("scenario=sea-abrupt seed=42", "replay=data.csv"); {@code groundTruth}
 * says whether the samples carry the generator's concept markers (false for replayed real data).
 */
public record SampleOrigin(String source, boolean groundTruth) {

    public static SampleOrigin scenario(String scenario, long seed) {
        return new SampleOrigin("scenario=" + scenario + " seed=" + seed, true);
    }

    public static SampleOrigin replay(String fileName) {
        return new SampleOrigin("replay=" + fileName, false);
    }
}
