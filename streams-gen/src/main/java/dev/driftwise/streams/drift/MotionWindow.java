package dev.driftwise.streams.drift;

/**
 * An incremental drift: from sample {@code start} (inclusive) to {@code end} (exclusive; 
 * {@link ConceptSchedule#NEVER} for ever) the family's moving parameters take one step of size
 * {@code magnitude} after every sample (hyperplane rotation t, RBF centroid speed).
 */
public record MotionWindow(long start, long end, double magnitude) {

    public MotionWindow {
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("need 0 ≤ start < end; got start " + start + ", end " + end);
        }
        if (!(magnitude > 0) || Double.isInfinite(magnitude)) {
            throw new IllegalArgumentException("magnitude must be > 0 and finite; got " + magnitude);
        }
    }

    public boolean contains(long seq) {
        return seq >= start && seq < end;
    }
}
