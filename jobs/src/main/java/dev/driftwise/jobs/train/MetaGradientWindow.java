package dev.driftwise.jobs.train;

import dev.driftwise.metaoptimize.BlockStepSize;
import java.nio.ByteBuffer;
import java.util.List;

/** Per block, the mean and standard deviation of the meta-gradient z over the steps since the last reset. */
final class MetaGradientWindow {

    private double[] sum = new double[0];
    private double[] sumSquares = new double[0];
    private long count;

    void add(List<BlockStepSize> blocks) {
        if (sum.length != blocks.size()) {
            sum = new double[blocks.size()];
            sumSquares = new double[blocks.size()];
            count = 0;
        }
        for (int i = 0; i < sum.length; i++) {
            double z = blocks.get(i).metaGradient();
            sum[i] += z;
            sumSquares[i] += z * z;
        }
        count++;
    }

    double[] means() {
        double[] m = new double[sum.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = count == 0 ? 0 : sum[i] / count;
        }
        return m;
    }

    double[] standardDeviations() {
        double[] s = new double[sum.length];
        for (int i = 0; i < s.length; i++) {
            double mean = count == 0 ? 0 : sum[i] / count;
            s[i] = count == 0 ? 0 : Math.sqrt(Math.max(0, sumSquares[i] / count - mean * mean));
        }
        return s;
    }

    void reset() {
        java.util.Arrays.fill(sum, 0);
        java.util.Arrays.fill(sumSquares, 0);
        count = 0;
    }

    int encodedSize() {
        return 4 + 8 + sum.length * 16;
    }

    void writeTo(ByteBuffer b) {
        b.putInt(sum.length).putLong(count);
        for (int i = 0; i < sum.length; i++) {
            b.putDouble(sum[i]).putDouble(sumSquares[i]);
        }
    }

    static MetaGradientWindow readFrom(ByteBuffer b) {
        MetaGradientWindow w = new MetaGradientWindow();
        int n = b.getInt();
        w.count = b.getLong();
        w.sum = new double[n];
        w.sumSquares = new double[n];
        for (int i = 0; i < n; i++) {
            w.sum[i] = b.getDouble();
            w.sumSquares[i] = b.getDouble();
        }
        return w;
    }
}
