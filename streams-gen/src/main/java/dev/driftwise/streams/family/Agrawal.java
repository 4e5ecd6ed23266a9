package dev.driftwise.streams.family;

import dev.driftwise.streams.GeneratedSample;
import java.util.SplittableRandom;

/**
 * Agrawal's loan-approval data, following MOA's {@code moa.streams.generators.AgrawalGenerator}.
 * Nine features in MOA's order: salary, commission, age, elevel, car, zipcode, hvalue, hyears, loan.
 * The categorical attributes are numeric codes, as MOA stores them: elevel 0–4, car 0–19, zipcode 0–8.
 * Concept k uses classification function {@code functions[k]} (default F1 … F10, so concept 0 is F1).
 * The class is fixed from the clean values, then the numeric values are perturbed by up to
 * ±{@code perturbation}·range and clipped (MOA perturbValue, including its hvalue bound of 135,000).
 * {@code balanceClasses} alternates the classes by rejection as MOA's -b flag does.
 * {@code normalize} maps every feature to [0,1] by its range (MOA has no such option; SGD learners need it).
 * Unbalanced, F8 and F10 are lopsided (about 98 % and 99.8 % group A), as MOA's formulas make them.
 * Differences from MOA: perturbation draws come from the noise substream, attribute draws from the inputs one.
 */
public final class Agrawal implements TaskFamily {

    public static final String NAME = "agrawal";
    static final int[] ALL_FUNCTIONS = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

    /** Feature names in emitted order. */
    public static final String[] FEATURES =
            {"salary", "commission", "age", "elevel", "car", "zipcode", "hvalue", "hyears", "loan"};
    private static final double[] LOW = {20000, 0, 20, 0, 0, 0, 0, 1, 0};
    private static final double[] HIGH = {150000, 75000, 80, 4, 19, 8, 1_350_000, 30, 500000};

    private final int[] functions;
    private final double perturbation;
    private final boolean balanceClasses;
    private final boolean normalize;
    private final StreamRandoms randoms;
    private boolean nextClassShouldBeZero;

    public Agrawal(int[] functions, double perturbation, boolean balanceClasses, boolean normalize, StreamRandoms randoms) {
        for (int f : functions) {
            if (f < 1 || f > 10) {
                throw new IllegalArgumentException("Agrawal function " + f + " does not exist; use 1 to 10");
            }
        }
        this.functions = functions.clone();
        this.perturbation = perturbation;
        this.balanceClasses = balanceClasses;
        this.normalize = normalize;
        this.randoms = randoms;
    }

    static Agrawal from(FamilyParams p, StreamRandoms randoms) {
        return new Agrawal(
                p.integers("functions", ALL_FUNCTIONS, 1, 10),
                p.number("perturbation", 0.05, 0.0, 1.0),
                p.flag("balanceClasses", false),
                p.flag("normalize", false),
                randoms);
    }

    @Override public String name() { return NAME; }
    @Override public int featureCount() { return 9; }
    @Override public String targetKind() { return "binary"; }
    @Override public int conceptCount() { return functions.length; }

    /** The Agrawal function (1–10) of concept {@code conceptId}. */
    public int function(int conceptId) {
        return functions[conceptId];
    }

    @Override
    public void draw(int conceptId, GeneratedSample into) {
        SplittableRandom in = randoms.inputs;
        int function = functions[conceptId];
        double salary;
        double commission;
        double hvalue;
        double loan;
        int age;
        int elevel;
        int car;
        int zipcode;
        int hyears;
        int group;
        while (true) { // MOA nextInstance: draw until the class balancing (if any) accepts
            salary = 20000.0 + 130000.0 * in.nextDouble();
            commission = salary >= 75000.0 ? 0 : 10000.0 + 65000.0 * in.nextDouble();
            age = 20 + in.nextInt(61);
            elevel = in.nextInt(5);
            car = in.nextInt(20);
            zipcode = in.nextInt(9);
            hvalue = (9.0 - zipcode) * 100000.0 * (0.5 + in.nextDouble());
            hyears = 1 + in.nextInt(30);
            loan = in.nextDouble() * 500000.0;
            group = AgrawalFunctions.classify(function, salary, commission, age, elevel, hvalue, hyears, loan);
            if (!balanceClasses) {
                break;
            }
            if ((group == 0) == nextClassShouldBeZero) {
                nextClassShouldBeZero = !nextClassShouldBeZero;
                break;
            }
        }
        if (perturbation > 0) {
            salary = perturb(salary, 130000, 20000, 150000);
            if (commission > 0) {
                commission = perturb(commission, 65000, 10000, 75000);
            }
            age = (int) Math.round(perturb(age, 60, 20, 80));
            hvalue = perturb(hvalue, (9.0 - zipcode) * 100000.0, 0, 135000);
            hyears = (int) Math.round(perturb(hyears, 29, 1, 30));
            loan = perturb(loan, 500000, 0, 500000);
        }
        float[] x = into.features;
        x[0] = feature(0, salary);
        x[1] = feature(1, commission);
        x[2] = feature(2, age);
        x[3] = feature(3, elevel);
        x[4] = feature(4, car);
        x[5] = feature(5, zipcode);
        x[6] = feature(6, hvalue);
        x[7] = feature(7, hyears);
        x[8] = feature(8, loan);
        into.target = group;
    }

    private float feature(int i, double v) {
        return (float) (normalize ? (v - LOW[i]) / (HIGH[i] - LOW[i]) : v);
    }

    /** MOA perturbValue: v + range·U(−1,1)·perturbation, clipped to [min, max]. */
    private double perturb(double v, double range, double min, double max) {
        v += range * (2.0 * (randoms.noise.nextDouble() - 0.5)) * perturbation;
        return v < min ? min : Math.min(v, max);
    }
}
