package dev.driftwise.jobs.train;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Per block, the mean and standard deviation of the meta-gradient z over the steps since the last reset. */
final class MetaGradientWindow {

    private double[] sum = new double[0];
    private double[] sumSquares = new double[0];
    private long count;

    void add(double[] metaGradients) {
        if (sum.length != metaGradients.length) {
            sum = new double[metaGradients.length];
            sumSquares = new double[metaGradients.length];
            count = 0;
        }
        for (int i = 0; i < sum.length; i++) {
            double z = metaGradients[i];
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

    void writeTo(DataOutput out) throws IOException {
        out.writeInt(sum.length);
        out.writeLong(count);
        for (int i = 0; i < sum.length; i++) {
            out.writeDouble(sum[i]);
            out.writeDouble(sumSquares[i]);
        }
    }

    static MetaGradientWindow readFrom(DataInput in) throws IOException {
        MetaGradientWindow w = new MetaGradientWindow();
        int n = in.readInt();
        w.count = in.readLong();
        w.sum = new double[n];
        w.sumSquares = new double[n];
        for (int i = 0; i < n; i++) {
            w.sum[i] = in.readDouble();
            w.sumSquares[i] = in.readDouble();
        }
        return w;
    }
}
