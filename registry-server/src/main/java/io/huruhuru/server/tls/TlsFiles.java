package io.huruhuru.server.tls;

import io.huruhuru.server.config.SecurityConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * The TLS certificate chain and private key of {@code tls.certificate} and {@code tls.key}, read as PEM and checked
 * to belong together before they are used: a reload that catches one file rewritten and not yet the other keeps the
 * previous pair instead of serving a certificate whose key it does not hold.
 */
public final class TlsFiles {

    private TlsFiles() {
    }

    public static PemKeyCertOptions load(SecurityConfig.Tls tls) {
        byte[] certificate;
        byte[] key;
        try {
            certificate = Files.readAllBytes(tls.certificate());
            key = Files.readAllBytes(tls.key());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the TLS certificate or key: " + e.getMessage(), e);
        }
        X509Certificate leaf = leaf(certificate, tls);
        PrivateKey privateKey = privateKey(key, tls);
        if (!belongTogether(leaf, privateKey)) {
            throw new IllegalArgumentException("the TLS key " + tls.key() + " is not the key of the certificate "
                    + tls.certificate());
        }
        // the key as PKCS#8 alone, whatever else its file holds (the EC PARAMETERS block of openssl ecparam -genkey)
        String pkcs8 = "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(privateKey.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        return new PemKeyCertOptions().setCertValue(Buffer.buffer(certificate)).setKeyValue(Buffer.buffer(pkcs8));
    }

    private static X509Certificate leaf(byte[] pem, SecurityConfig.Tls tls) {
        try {
            var certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem));
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("no certificate in " + tls.certificate());
            }
            return (X509Certificate) certificates.iterator().next();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the TLS certificate " + tls.certificate() + " is not PEM X.509: "
                    + e.getMessage(), e);
        }
    }

    private static PrivateKey privateKey(byte[] pem, SecurityConfig.Tls tls) {
        try (PEMParser parser = new PEMParser(new StringReader(new String(pem, java.nio.charset.StandardCharsets.US_ASCII)))) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            // other blocks (EC PARAMETERS before the key, as openssl ecparam -genkey writes) are skipped
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                if (object instanceof PEMKeyPair pair) {
                    return converter.getPrivateKey(pair.getPrivateKeyInfo());
                }
                if (object instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
            }
            throw new IllegalArgumentException("no unencrypted private key in " + tls.key());
        } catch (IOException e) {
            throw new IllegalArgumentException("the TLS key " + tls.key() + " is not PEM: " + e.getMessage(), e);
        }
    }

    /** Whether a signature made with {@code key} verifies with the certificate's public key. */
    private static boolean belongTogether(X509Certificate certificate, PrivateKey key) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> null;
        };
        if (algorithm == null) {
            throw new IllegalArgumentException("TLS keys of type " + key.getAlgorithm() + " are not supported");
        }
        try {
            byte[] probe = new byte[32];
            new SecureRandom().nextBytes(probe);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
