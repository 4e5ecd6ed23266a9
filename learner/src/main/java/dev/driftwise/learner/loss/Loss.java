package dev.driftwise.learner.loss;

/**
 * The losses, evaluated on the host in double from one sample's logits z. Each pairs with its
 * canonical output (identity, sigmoid, softmax), so ∂L/∂z = ŷ − y for all three: the learner hands
 * that to the backward pass and never needs the link's own derivative.
 */
public enum Loss {

    /** ½(y − ŷ)² with ŷ = z. */
    SQUARED_ERROR("squared-error") {
        @Override
        public double lossAndGradient(float[] z, int offset, int k, double y, float[] dz, double scale) {
            double r = z[offset] - y;
            dz[offset] = (float) (r * scale);
            return 0.5 * r * r;
        }

        @Override
        public double curvature(float[] z, int offset, int j) {
            return 1.0;
        }

        @Override
        public void predict(float[] z, int offset, int k, double[] out, int outOffset) {
            out[outOffset] = z[offset];
        }
    },

    /** −y log σ(z) − (1 − y) log(1 − σ(z)) = softplus(z) − y z, for y ∈ {0, 1}. */
    LOGISTIC("logistic") {
        @Override
        public double lossAndGradient(float[] z, int offset, int k, double y, float[] dz, double scale) {
            double zi = z[offset];
            dz[offset] = (float) ((sigmoid(zi) - y) * scale);
            return softplus(zi) - y * zi;
        }

        @Override
        public double curvature(float[] z, int offset, int j) {
            double p = sigmoid(z[offset]);
            return p * (1 - p);
        }

        @Override
        public void predict(float[] z, int offset, int k, double[] out, int outOffset) {
            out[outOffset] = sigmoid(z[offset]);
        }

        @Override
        public boolean correct(float[] z, int offset, int k, double y) {
            return (z[offset] >= 0) == (y >= 0.5);
        }
    },

    /** log Σ exp(z) − z_y: softmax cross-entropy for class y. */
    CROSS_ENTROPY("cross-entropy") {
        @Override
        public double lossAndGradient(float[] z, int offset, int k, double y, float[] dz, double scale) {
            int cls = (int) y;
            double max = max(z, offset, k);
            double sum = 0;
            for (int j = 0; j < k; j++) {
                sum += Math.exp(z[offset + j] - max);
            }
            for (int j = 0; j < k; j++) {
                double p = Math.exp(z[offset + j] - max) / sum;
                dz[offset + j] = (float) ((p - (j == cls ? 1 : 0)) * scale);
            }
            return max + Math.log(sum) - z[offset + cls];
        }

        @Override
        public double curvature(float[] z, int offset, int j) {
            throw new UnsupportedOperationException("use curvatures() for cross-entropy");
        }

        @Override
        public void curvatures(float[] z, int offset, int k, float[] out, double scale) {
            double max = max(z, offset, k);
            double sum = 0;
            for (int j = 0; j < k; j++) {
                sum += Math.exp(z[offset + j] - max);
            }
            for (int j = 0; j < k; j++) {
                double p = Math.exp(z[offset + j] - max) / sum;
                out[offset + j] = (float) (p * (1 - p) * scale);
            }
        }

        @Override
        public void predict(float[] z, int offset, int k, double[] out, int outOffset) {
            double max = max(z, offset, k);
            double sum = 0;
            for (int j = 0; j < k; j++) {
                sum += Math.exp(z[offset + j] - max);
            }
            for (int j = 0; j < k; j++) {
                out[outOffset + j] = Math.exp(z[offset + j] - max) / sum;
            }
        }

        @Override
        public boolean correct(float[] z, int offset, int k, double y) {
            int best = 0;
            for (int j = 1; j < k; j++) {
                if (z[offset + j] > z[offset + best]) {
                    best = j;
                }
            }
            return best == (int) y;
        }
    };

    private final String id;

    Loss(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /**
     * Loss of one sample with logits {@code z[offset .. offset+k)} and target {@code y}; writes
     * {@code scale · ∂L/∂z} into {@code dz} at the same positions.
     */
    public abstract double lossAndGradient(float[] z, int offset, int k, double y, float[] dz, double scale);

    /** ∂²L/∂z_j² of a one-logit loss (the exact diagonal curvature of a one-layer model's output). */
    public abstract double curvature(float[] z, int offset, int j);

    /** Writes {@code scale · ∂²L/∂z_j²} for every logit j: for softmax p_j(1 − p_j). */
    public void curvatures(float[] z, int offset, int k, float[] out, double scale) {
        for (int j = 0; j < k; j++) {
            out[offset + j] = (float) (curvature(z, offset, j) * scale);
        }
    }

    /** The prediction in the user's terms: ŷ, P(y = 1), or the class probabilities. */
    public abstract void predict(float[] z, int offset, int k, double[] out, int outOffset);

    /** Whether the predicted class equals the target (classifiers only). */
    public boolean correct(float[] z, int offset, int k, double y) {
        throw new UnsupportedOperationException(id + " is not a classification loss");
    }

    static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    /** log(1 + e^z) without overflow. */
    static double softplus(double z) {
        return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
    }

    private static double max(float[] z, int offset, int k) {
        double m = z[offset];
        for (int j = 1; j < k; j++) {
            m = Math.max(m, z[offset + j]);
        }
        return m;
    }
}
