package dev.driftwise.streams.family;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.streams.GeneratedSample;
import org.junit.jupiter.api.Test;

class AgrawalTest {

    private static final int N = 40_000;

    /**
     * Share of group A (class 0) per function. F1–F3 have closed forms under MOA's attribute
     * distributions (age uniform on 20..80, elevel on 0..4, salary on [20k, 150k)); for all ten both
     * classes must be common, as MOA's unbalanced generator gives.
     */
    @Test
    void classBalancePerFunction() {
        Agrawal agrawal = new Agrawal(Agrawal.ALL_FUNCTIONS, 0.05, false, false, new StreamRandoms(51));
        GeneratedSample s = new GeneratedSample(9);
        double[] groupA = new double[10];
        for (int f = 0; f < 10; f++) {
            int zeros = 0;
            for (int j = 0; j < N; j++) {
                agrawal.draw(f, s);
                zeros += s.target == 0 ? 1 : 0;
            }
            groupA[f] = zeros / (double) N;
        }
        String shares = java.util.Arrays.toString(groupA);
        for (int f = 0; f < 10; f++) {
            assertTrue(groupA[f] > 0.001 && groupA[f] < 0.999,
                    "F" + (f + 1) + ": group A share " + groupA[f] + ", expected both classes present; all: " + shares);
        }
        // F8 and F10 are lopsided under MOA's formulas: group B needs 2/3·(salary + commission) below
        // 20,000 + 5,000·elevel (F8) or 10,000 + 5,000·elevel − equity/5 (F10), which only the lowest
        // salaries with low commissions reach. The other eight functions are within 35–70 % group A.
        assertTrue(groupA[7] > 0.9 && groupA[9] > 0.98, "F8, F10 group A shares " + groupA[7] + ", " + groupA[9]);
        for (int f : new int[] {0, 1, 2, 3, 4, 5, 6, 8}) {
            assertTrue(groupA[f] > 0.35 && groupA[f] < 0.70, "F" + (f + 1) + " group A share " + groupA[f] + "; all: " + shares);
        }
        double tolerance = 4 * Math.sqrt(0.25 / N);
        assertEquals(41.0 / 61, groupA[0], tolerance, "F1: age < 40 or ≥ 60 is 41 of 61 ages");
        assertEquals(50.0 / 130, groupA[1], tolerance, "F2: a 50k salary band out of 130k, at every age");
        assertEquals((20 * 0.4 + 20 * 0.6 + 21 * 0.6) / 61, groupA[2], tolerance, "F3: elevel bands by age group");
    }

    /** Without perturbation the features are the clean draws: F1's label follows age exactly, commission follows salary. */
    @Test
    void unperturbedFeaturesObeyTheGenerator() {
        Agrawal agrawal = new Agrawal(new int[] {1}, 0.0, false, false, new StreamRandoms(52));
        GeneratedSample s = new GeneratedSample(9);
        for (int j = 0; j < 10_000; j++) {
            agrawal.draw(0, s);
            float salary = s.features[0];
            float commission = s.features[1];
            int age = (int) s.features[2];
            assertTrue(salary >= 20000 && salary <= 150000, "salary " + salary);
            assertTrue(salary >= 75000 ? commission == 0 : commission >= 10000 && commission <= 75000,
                    "commission " + commission + " for salary " + salary);
            assertTrue(age >= 20 && age <= 80, "age " + age);
            assertTrue(s.features[3] >= 0 && s.features[3] <= 4, "elevel code " + s.features[3]);
            assertTrue(s.features[4] >= 0 && s.features[4] <= 19, "car code " + s.features[4]);
            assertTrue(s.features[5] >= 0 && s.features[5] <= 8, "zipcode code " + s.features[5]);
            assertEquals(age < 40 || age >= 60 ? 0 : 1, (int) s.target, "F1 label for age " + age);
        }
    }

    @Test
    void balanceClassesAlternatesAndNormalizeMapsToUnitRange() {
        Agrawal agrawal = new Agrawal(new int[] {7}, 0.05, true, true, new StreamRandoms(53));
        GeneratedSample s = new GeneratedSample(9);
        int previous = -1;
        for (int j = 0; j < 5_000; j++) {
            agrawal.draw(0, s);
            assertTrue(previous != (int) s.target, "balanced classes alternate; repeated " + s.target + " at " + j);
            previous = (int) s.target;
            for (int i = 0; i < 9; i++) {
                assertTrue(s.features[i] >= 0 && s.features[i] <= 1, Agrawal.FEATURES[i] + " normalized to " + s.features[i]);
            }
        }
    }
}
