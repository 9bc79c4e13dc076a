package io.huruhuru.signature.key;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.io.pem.PemHeader;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/** PEM blocks of keys, decoded with a message in words for each way they can be wrong. */
final class Pem {

    private static final Map<String, String> ALGORITHMS = Map.of(
            "1.2.840.113549.1.1.1", "RSA", "1.2.840.10040.4.1", "DSA", "1.3.101.112", "Ed25519",
            "1.3.101.113", "Ed448", "1.3.101.110", "X25519");

    /** One PEM block: its type ({@code PUBLIC KEY}), whether its headers say it is encrypted, its DER bytes. */
    record Block(String type, boolean encryptedHeaders, byte[] der) {
    }

    private Pem() {
    }

    static List<Block> blocks(String text, String where) {
        List<Block> blocks = new ArrayList<>();
        try (PemReader reader = new PemReader(new StringReader(text))) {
            PemObject object;
            while ((object = reader.readPemObject()) != null) {
                boolean encrypted = false;
                for (Object header : object.getHeaders()) {
                    PemHeader h = (PemHeader) header;
                    encrypted |= "Proc-Type".equalsIgnoreCase(h.getName()) && h.getValue().contains("ENCRYPTED");
                }
                blocks.add(new Block(object.getType(), encrypted, object.getContent()));
            }
        } catch (IOException | RuntimeException e) {
            throw new KeyException(where + " is not valid PEM: " + e.getMessage(), e);
        }
        if (blocks.isEmpty()) {
            throw new KeyException(where + " is not PEM: it has no -----BEGIN ...----- block");
        }
        return blocks;
    }

    static Block onlyBlock(String text, String where) {
        List<Block> blocks = blocks(text, where);
        if (blocks.size() != 1) {
            throw new KeyException(where + " holds " + blocks.size() + " PEM blocks; a key file holds one");
        }
        return blocks.get(0);
    }

    static SigningKey privateKey(Block block, String where, Optional<KeyId> id) {
        rejectEncrypted(block, where);
        try {
            return switch (block.type()) {
                case "PRIVATE KEY" -> {
                    PrivateKeyInfo info = PrivateKeyInfo.getInstance(block.der());
                    requireP256(info.getPrivateKeyAlgorithm(), where);
                    yield new SigningKey(ECPrivateKey.getInstance(info.parsePrivateKey()).getKey(), id);
                }
                case "EC PRIVATE KEY" -> {
                    ECPrivateKey sec1 = ECPrivateKey.getInstance(block.der());
                    ASN1Encodable parameters = sec1.getParametersObject();
                    if (parameters == null) {
                        throw new KeyException(where + " is an EC PRIVATE KEY without its curve; write it as PKCS#8 "
                                + "(openssl pkcs8 -topk8 -nocrypt)");
                    }
                    requireCurve(parameters, where);
                    yield new SigningKey(sec1.getKey(), id);
                }
                case "PUBLIC KEY" -> throw new KeyException(where + " holds a public key, not a private key");
                case "RSA PRIVATE KEY", "DSA PRIVATE KEY" -> throw new KeyException(where + " holds an "
                        + block.type().substring(0, 3) + " key, not an EC (ECDSA P-256) key");
                default -> throw new KeyException(where + " holds a " + block.type() + " block, not a PKCS#8 "
                        + "PRIVATE KEY");
            };
        } catch (KeyException e) {
            throw e;
        } catch (RuntimeException | IOException e) {
            throw new KeyException(where + " is not a well-formed " + block.type() + " (bad DER)", e);
        }
    }

    /** The public key of a {@code PUBLIC KEY} block, or the public part of a private key block. */
    static VerificationKey publicKey(Block block, String where) {
        if (!"PUBLIC KEY".equals(block.type())) {
            return privateKey(block, where, Optional.empty()).verificationKey();
        }
        try {
            SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(block.der());
            requireP256(info.getAlgorithm(), where);
            ECPoint point = P256.CURVE.getCurve().decodePoint(info.getPublicKeyData().getOctets());
            if (point.isInfinity()) {
                throw new KeyException(where + ": the public key is the point at infinity");
            }
            return new VerificationKey(point, Optional.empty());
        } catch (KeyException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new KeyException(where + " is not a well-formed P-256 PUBLIC KEY: " + e.getMessage(), e);
        }
    }

    private static void rejectEncrypted(Block block, String where) {
        if ("ENCRYPTED PRIVATE KEY".equals(block.type()) || block.encryptedHeaders()) {
            throw new KeyException(where + " is encrypted; the registry reads unencrypted PKCS#8 only "
                    + "(openssl pkcs8 -topk8 -nocrypt)");
        }
    }

    private static void requireP256(AlgorithmIdentifier algorithm, String where) {
        ASN1ObjectIdentifier oid = algorithm.getAlgorithm();
        if (!X9ObjectIdentifiers.id_ecPublicKey.equals(oid)) {
            String name = ALGORITHMS.getOrDefault(oid.getId(), "algorithm " + oid.getId());
            throw new KeyException(where + " holds an " + name + " key, not an EC (ECDSA P-256) key");
        }
        requireCurve(algorithm.getParameters(), where);
    }

    private static void requireCurve(ASN1Encodable parameters, String where) {
        if (!(parameters instanceof ASN1ObjectIdentifier curve)) {
            throw new KeyException(where + " gives its curve by explicit parameters; only the named curve P-256 "
                    + "(prime256v1) is accepted");
        }
        if (!P256.OID.equals(curve)) {
            String name = ECNamedCurveTable.getName(curve);
            throw new KeyException(where + " is a key on the curve " + (name == null ? curve.getId() : name)
                    + ", not P-256 (prime256v1)");
        }
    }
}
