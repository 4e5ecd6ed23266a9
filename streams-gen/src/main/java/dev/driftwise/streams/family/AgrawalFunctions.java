package dev.driftwise.streams.family;

/**
 * The ten loan-approval functions of Agrawal, Imielinski &amp; Swami (1993), exactly as MOA's
 * {@code moa.streams.generators.AgrawalGenerator.classificationFunctions}: 0 = group A, 1 = group B.
 */
final class AgrawalFunctions {

    private AgrawalFunctions() {
    }

    static int classify(int function, double salary, double commission, int age, int elevel,
                        double hvalue, int hyears, double loan) {
        switch (function) {
            case 1:
                return age < 40 || 60 <= age ? 0 : 1;
            case 2:
                return age < 40 ? outside(salary, 50000, 100000)
                        : age < 60 ? outside(salary, 75000, 125000)
                        : outside(salary, 25000, 75000);
            case 3:
                return age < 40 ? (elevel == 0 || elevel == 1 ? 0 : 1)
                        : age < 60 ? (elevel >= 1 && elevel <= 3 ? 0 : 1)
                        : (elevel >= 2 && elevel <= 4 ? 0 : 1);
            case 4:
                if (age < 40) {
                    return elevel == 0 || elevel == 1 ? outside(salary, 25000, 75000) : outside(salary, 50000, 100000);
                } else if (age < 60) {
                    return elevel >= 1 && elevel <= 3 ? outside(salary, 50000, 100000) : outside(salary, 75000, 125000);
                }
                return elevel >= 2 && elevel <= 4 ? outside(salary, 50000, 100000) : outside(salary, 25000, 75000);
            case 5:
                if (age < 40) {
                    return within(salary, 50000, 100000) ? outside(loan, 100000, 300000) : outside(loan, 200000, 400000);
                } else if (age < 60) {
                    return within(salary, 75000, 125000) ? outside(loan, 200000, 400000) : outside(loan, 300000, 500000);
                }
                return within(salary, 25000, 75000) ? outside(loan, 300000, 500000) : outside(loan, 100000, 300000);
            case 6: {
                double total = salary + commission;
                return age < 40 ? outside(total, 50000, 100000)
                        : age < 60 ? outside(total, 75000, 125000)
                        : outside(total, 25000, 75000);
            }
            case 7:
                return disposable(2.0 * (salary + commission) / 3.0 - loan / 5.0 - 20000.0);
            case 8:
                return disposable(2.0 * (salary + commission) / 3.0 - 5000.0 * elevel - 20000.0);
            case 9:
                return disposable(2.0 * (salary + commission) / 3.0 - 5000.0 * elevel - loan / 5.0 - 10000.0);
            case 10: {
                double equity = hyears >= 20 ? hvalue * (hyears - 20.0) / 10.0 : 0.0;
                return disposable(2.0 * (salary + commission) / 3.0 - 5000.0 * elevel + equity / 5.0 - 10000.0);
            }
            default:
                throw new IllegalArgumentException("Agrawal function " + function + " does not exist; use 1 to 10");
        }
    }

    private static boolean within(double v, double lo, double hi) {
        return lo <= v && v <= hi;
    }

    /** Group A (0) inside the band, group B (1) outside. */
    private static int outside(double v, double lo, double hi) {
        return within(v, lo, hi) ? 0 : 1;
    }

    private static int disposable(double amount) {
        return amount > 0 ? 0 : 1;
    }
}
