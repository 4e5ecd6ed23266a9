package dev.driftwise.jobs.decode;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Flink type information of {@link LabeledSample}: serialized by {@link LabeledSampleSerializer}, never Kryo. */
public final class LabeledSampleTypeInfo extends TypeInformation<LabeledSample> {

    private static final long serialVersionUID = 1L;

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<LabeledSample> getTypeClass() {
        return LabeledSample.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<LabeledSample> createSerializer(SerializerConfig config) {
        return LabeledSampleSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "LabeledSample";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabeledSampleTypeInfo;
    }

    @Override
    public int hashCode() {
        return LabeledSampleTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof LabeledSampleTypeInfo;
    }
}
