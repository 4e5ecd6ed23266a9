package dev.driftwise.metaoptimize;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Provenance of an optimizer: a stable name (e.g. {@code metaoptimize(adamw,lion,scalar,hessian-free)}
 * or {@code idbd}) and every hyper-parameter that shapes its updates, in a fixed order.
 */
public record OptimizerSpec(String name, Map<String, String> hyperParameters) {

    public OptimizerSpec {
        hyperParameters = Collections.unmodifiableMap(new LinkedHashMap<>(hyperParameters));
    }

    @Override
    public String toString() {
        return name + hyperParameters;
    }
}
