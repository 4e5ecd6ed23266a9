package dev.driftwise.learner.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ModelSpecTest {

    @Test
    void canonicalFormRoundTripsForEveryKind() {
        for (ModelSpec spec : List.of(
                ModelSpec.linearRegression(20).withBias(false),
                ModelSpec.logisticRegression(3).withStandardization(true),
                ModelSpec.softmaxRegression(4, 5).withSeed(-3),
                ModelSpec.mlp(100, new int[] {128, 64}, Activation.TANH, Task.MULTICLASS, 10).withSeed(42),
                ModelSpec.mlp(2, new int[] {8}, Activation.RELU, Task.REGRESSION, 0))) {
            ModelSpec back = ModelSpec.parse(spec.toCanonicalString());
            assertEquals(spec, back, spec.toCanonicalString());
            assertEquals(spec.toCanonicalString(), back.toCanonicalString());
        }
    }

    @Test
    void canonicalFormIsStable() {
        assertEquals("{\"model\":\"mlp\",\"task\":\"multiclass\",\"inputs\":100,\"hidden\":[128],\"activation\":\"relu\","
                        + "\"classes\":10,\"bias\":true,\"standardize\":false,\"seed\":0}",
                ModelSpec.mlp(100, new int[] {128}, Activation.RELU, Task.MULTICLASS, 10).toCanonicalString());
        assertEquals("{\"model\":\"linear\",\"task\":\"regression\",\"inputs\":20,\"bias\":false,\"standardize\":false,\"seed\":0}",
                ModelSpec.linearRegression(20).withBias(false).toCanonicalString());
    }

    @Test
    void parserAcceptsAnyOrderAndDefaults() {
        ModelSpec spec = ModelSpec.parse(" { \"inputs\" : 5, \"model\":\"softmax\", \"classes\":3 } ");
        assertEquals(ModelSpec.softmaxRegression(5, 3).withStandardization(true), spec);
        assertTrue(spec.bias());
        assertTrue(spec.standardize(), "read specs standardise unless told not to");
        assertFalse(ModelSpec.parse("{\"model\":\"linear\",\"inputs\":2,\"standardize\":false}").standardize());
        ModelSpec mlp = ModelSpec.parse("{\"model\":\"mlp\",\"task\":\"binary\",\"inputs\":4,\"hidden\":[3,2]}");
        assertEquals(Activation.RELU, mlp.activation());
        assertArrayEquals(new int[] {3, 2}, mlp.hidden());
        assertEquals(4 * 3 + 3 + 3 * 2 + 2 + 2 + 1, mlp.parameterCount());
    }

    @Test
    void shorthandsNameTheUsualModelsAndStandardiseTheirInputs() {
        assertEquals(ModelSpec.linearRegression(20).withStandardization(true), ModelSpec.parse("linear:20"));
        assertEquals(ModelSpec.logisticRegression(3).withStandardization(true), ModelSpec.parse("logistic:3"));
        assertEquals(ModelSpec.softmaxRegression(100, 10).withStandardization(true), ModelSpec.parse("softmax:100:10"));
        assertEquals(ModelSpec.mlp(100, new int[] {128}, Activation.RELU, Task.MULTICLASS, 10).withStandardization(true),
                ModelSpec.parse("mlp:100-128-10"));
        assertEquals(ModelSpec.mlp(4, new int[] {8, 8}, Activation.RELU, Task.REGRESSION, 0).withStandardization(true),
                ModelSpec.parse("mlp:4-8-8-1"));
    }

    @Test
    void badFieldsAreNamed() {
        expectError("{\"model\":\"linear\"}", "'inputs' is missing");
        expectError("{\"model\":\"linear\",\"inputs\":\"twenty\"}", "'inputs'");
        expectError("{\"model\":\"linear\",\"inputs\":20,\"colour\":\"red\"}", "'colour' is unknown");
        expectError("{\"model\":\"tree\",\"inputs\":20}", "unknown model \"tree\"");
        expectError("{\"model\":\"mlp\",\"inputs\":20,\"task\":\"binary\"}", "'hidden'");
        expectError("{\"model\":\"mlp\",\"inputs\":20,\"hidden\":[8]}", "'task' is missing");
        expectError("{\"model\":\"mlp\",\"inputs\":2,\"hidden\":[8],\"task\":\"binary\",\"activation\":\"gelu\"}", "unknown activation");
        expectError("{\"model\":\"softmax\",\"inputs\":20}", "'classes'");
        expectError("{\"model\":\"linear\",\"inputs\":20,\"classes\":3}", "'classes'");
        expectError("{\"model\":\"logistic\",\"inputs\":2,\"task\":\"regression\"}", "'task'");
        expectError("{\"model\":\"linear\",\"inputs\":0}", "'inputs': must be at least 1");
        expectError("{\"model\":\"linear\",\"inputs\":2,\"bias\":1}", "'bias'");
        expectError("{\"model\":\"linear\",\"inputs\":2", "not valid JSON");
        expectError("{\"model\":\"linear\",\"inputs\":2,\"inputs\":3}", "'inputs' appears twice");
        expectError("", "empty");
        expectError("linear:0", "'0' is not a positive whole number");
        expectError("mlp:4-2", "an mlp is <d>-<hidden>-...-<outputs>");
        expectError("tree:4", "model spec 'tree:4' is unknown");
    }

    private static void expectError(String text, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelSpec.parse(text), text);
        assertTrue(e.getMessage().contains(fragment), "message for " + text + " was '" + e.getMessage()
                + "', expected it to contain '" + fragment + "'");
    }
}
