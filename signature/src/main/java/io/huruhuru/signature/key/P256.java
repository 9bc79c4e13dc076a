package io.huruhuru.signature.key;

import java.math.BigInteger;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/** The curve P-256 (secp256r1, prime256v1): the only one our keys use. */
final class P256 {

    static final ASN1ObjectIdentifier OID = X9ObjectIdentifiers.prime256v1;
    static final X9ECParameters CURVE = ECNamedCurveTable.getByOID(OID);
    static final ECNamedDomainParameters DOMAIN = new ECNamedDomainParameters(OID, CURVE);
    static final int FIELD_BYTES = 32;

    private P256() {
    }

    static ECPoint publicPoint(BigInteger d) {
        return new FixedPointCombMultiplier().multiply(DOMAIN.getG(), d).normalize();
    }

    /** Whether {@code d} is a usable private scalar: 1 to n - 1. */
    static boolean isPrivateScalar(BigInteger d) {
        return d.signum() > 0 && d.compareTo(DOMAIN.getN()) < 0;
    }
}
