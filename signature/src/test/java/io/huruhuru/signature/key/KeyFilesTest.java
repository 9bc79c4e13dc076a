package io.huruhuru.signature.key;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFilesTest {

    private static final byte[] MESSAGE = "payload".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    private static String pem(String type, byte[] der) throws Exception {
        java.io.StringWriter out = new java.io.StringWriter();
        try (PemWriter writer = new PemWriter(out)) {
            writer.writeObject(new PemObject(type, der));
        }
        return out.toString();
    }

    private static KeyPair jdkPair(String algorithm, String curve) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        if (curve != null) {
            generator.initialize(new ECGenParameterSpec(curve));
        } else {
            generator.initialize(2048);
        }
        return generator.generateKeyPair();
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    private static String messageOf(Runnable action) {
        return assertThrows(KeyException.class, action::run).getMessage();
    }

    @Test
    void loadOrGenerateCreatesTheDirectoryAndAnOwnerOnlyKeyFile() throws Exception {
        Path file = dir.resolve("data/keys/signing.pem");

        SigningKey key = KeyFiles.loadOrGenerate(file);

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String text = Files.readString(file);
        assertTrue(text.startsWith("-----BEGIN PRIVATE KEY-----"), text);
        assertTrue(key.verificationKey().verify(MESSAGE, KeyFiles.readPkcs8(file, Optional.empty()).sign(MESSAGE)));
    }

    @Test
    void aWatcherNeverSeesAKeyFileWithAnotherModeThanOwnerOnly() throws Exception {
        // a file created first and chmod-ed after would show its default mode for a moment; the watcher looks for it
        java.util.concurrent.atomic.AtomicReference<Path> current = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Thread watcher = new Thread(() -> {
            while (!done.get()) {
                Path file = current.get();
                try {
                    if (file != null) {
                        String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
                        if (!"rw-------".equals(mode)) {
                            seen.add(file.getFileName() + " " + mode);
                        }
                    }
                } catch (java.io.IOException e) {
                    // not created yet
                }
            }
        });
        watcher.start();
        try {
            for (int i = 0; i < 100; i++) {
                Path file = dir.resolve("watched-" + i + ".pem");
                current.set(file);
                KeyFiles.loadOrGenerate(file);
            }
        } finally {
            done.set(true);
            watcher.join();
        }

        assertEquals(java.util.Set.of(), seen);
    }

    @Test
    void loadOrGenerateReadsTheKeyItCreatedBefore() {
        Path file = dir.resolve("signing.pem");

        SigningKey first = KeyFiles.loadOrGenerate(file);
        SigningKey second = KeyFiles.loadOrGenerate(file);

        assertEquals(first.verificationKey(), second.verificationKey());
        assertArrayEquals(first.sign(MESSAGE), second.sign(MESSAGE));
    }

    @Test
    void loadOrGenerateRefusesAKeyFileThatGroupOrOthersMayRead() throws Exception {
        Path file = dir.resolve("signing.pem");
        KeyFiles.loadOrGenerate(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        String message = messageOf(() -> KeyFiles.loadOrGenerate(file));

        assertTrue(message.contains(file.toString()) && message.contains("chmod 600"), message);
    }

    @Test
    void loadOrGenerateDoesNotReplaceAnEmptyKeyFile() throws Exception {
        Path file = Files.createFile(dir.resolve("signing.pem"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));

        String message = messageOf(() -> KeyFiles.loadOrGenerate(file));

        assertTrue(message.contains("not PEM"), message);
        assertEquals(0, Files.size(file));
    }

    @Test
    void readsAPkcs8P256KeyTheJdkWrote() throws Exception {
        KeyPair pair = jdkPair("EC", "secp256r1");
        Path file = write("jdk.pem", pem("PRIVATE KEY", pair.getPrivate().getEncoded()));

        SigningKey key = KeyFiles.readPkcs8(file, Optional.of(KeyId.parse("k1")));

        assertEquals("k1", key.id().value());
        assertArrayEquals(pair.getPublic().getEncoded(), key.verificationKey().subjectPublicKeyInfo());
    }

    @Test
    void readsASec1EcPrivateKeyAsOpensslWritesIt() throws Exception {
        KeyPair pair = jdkPair("EC", "secp256r1");
        byte[] sec1 = org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(pair.getPrivate().getEncoded())
                .parsePrivateKey().toASN1Primitive().getEncoded();
        ECPrivateKey parsed = ECPrivateKey.getInstance(sec1);
        // the JDK's PKCS#8 leaves the curve out of the inner SEC1 structure; OpenSSL's EC PRIVATE KEY has it
        byte[] withCurve = new ECPrivateKey(256, parsed.getKey(), P256.OID).getEncoded();
        Path file = write("sec1.pem", pem("EC PRIVATE KEY", withCurve));

        SigningKey key = KeyFiles.readPkcs8(file, Optional.empty());

        assertArrayEquals(pair.getPublic().getEncoded(), key.verificationKey().subjectPublicKeyInfo());
    }

    @Test
    void aMissingKeyFileIsNamedAndSaidMissing() {
        Path file = dir.resolve("absent.pem");

        String message = messageOf(() -> KeyFiles.readPkcs8(file, Optional.empty()));

        assertTrue(message.contains(file.toString()) && message.contains("does not exist"), message);
    }

    @Test
    void garbageIsNotPem() throws Exception {
        Path file = write("garbage.pem", "this is not a key\n");

        String message = messageOf(() -> KeyFiles.readPkcs8(file, Optional.empty()));

        assertTrue(message.contains(file.toString()) && message.contains("not PEM"), message);
    }

    @Test
    void badBase64InsideAPemBlockIsNotValidPem() throws Exception {
        Path file = write("bad.pem", "-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n");

        String message = messageOf(() -> KeyFiles.readPkcs8(file, Optional.empty()));

        assertTrue(message.contains(file.toString()), message);
    }

    @Test
    void anRsaKeyIsNotAnEcKey() throws Exception {
        Path file = write("rsa.pem", pem("PRIVATE KEY", jdkPair("RSA", null).getPrivate().getEncoded()));

        String message = messageOf(() -> KeyFiles.readPkcs8(file, Optional.empty()));

        assertTrue(message.contains("RSA key, not an EC"), message);
    }

    @Test
    void aKeyOnAnotherCurveIsNotP256() throws Exception {
        Path file = write("p384.pem", pem("PRIVATE KEY", jdkPair("EC", "secp384r1").getPrivate().getEncoded()));

        String message = messageOf(() -> KeyFiles.readPkcs8(file, Optional.empty()));

        assertTrue(message.contains("secp384r1") && message.contains("not P-256"), message);
    }

    @Test
    void aPublicKeyOnAnotherCurveIsNotP256() throws Exception {
        Path file = write("p384.pub", pem("PUBLIC KEY", jdkPair("EC", "secp384r1").getPublic().getEncoded()));

        String message = messageOf(() -> KeyFiles.readPublic(file));

        assertTrue(message.contains("not P-256"), message);
    }

    @Test
    void anEncryptedPkcs8KeyIsRefusedAsEncrypted() throws Exception {
        KeyPair pair = jdkPair("EC", "secp256r1");
        var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider())
                .setPassword("secret".toCharArray()).build();
        PemObject encrypted = new JcaPKCS8Generator(pair.getPrivate(), encryptor).generate();
        Path file = write("encrypted.pem", pem(encrypted.getType(), encrypted.getContent()));

        String message = messageOf(() -> KeyFiles.readPkcs8(file, Optional.empty()));

        assertTrue(message.contains("encrypted"), message);
    }

    @Test
    void aLegacyEncryptedEcPrivateKeyIsRefusedAsEncrypted() throws Exception {
        java.io.StringWriter out = new java.io.StringWriter();
        try (PemWriter writer = new PemWriter(out)) {
            writer.writeObject(new PemObject("EC PRIVATE KEY", List.of(
                    new org.bouncycastle.util.io.pem.PemHeader("Proc-Type", "4,ENCRYPTED"),
                    new org.bouncycastle.util.io.pem.PemHeader("DEK-Info", "AES-128-CBC,00112233445566778899AABBCCDDEEFF")),
                    new byte[48]));
        }
        Path file = write("legacy.pem", out.toString());

        String message = messageOf(() -> KeyFiles.readPkcs8(file, Optional.empty()));

        assertTrue(message.contains("encrypted"), message);
    }

    @Test
    void aPublicKeyIsNotAPrivateKey() throws Exception {
        Path file = write("public.pem", TestKeys.fixed(1).verificationKey().pem());

        String message = messageOf(() -> KeyFiles.readPkcs8(file, Optional.empty()));

        assertTrue(message.contains("public key, not a private key"), message);
    }

    @Test
    void readPublicTakesAPublicKeyOrThePublicPartOfAPrivateKey() throws Exception {
        SigningKey key = TestKeys.fixed(1);
        Path publicFile = write("public.pem", key.verificationKey().pem());
        Path privateFile = write("private.pem", TestKeys.pkcs8Pem(key));

        assertArrayEquals(key.verificationKey().subjectPublicKeyInfo(),
                KeyFiles.readPublic(publicFile).subjectPublicKeyInfo());
        assertArrayEquals(key.verificationKey().subjectPublicKeyInfo(),
                KeyFiles.readPublic(privateFile).subjectPublicKeyInfo());
    }

    @Test
    void jwksRoundTripKeepsKeysIdsAndOrder() {
        KeyRing ring = new KeyRing(TestKeys.fixed(1), List.of(TestKeys.fixed(2).verificationKey(),
                TestKeys.rfc6979().verificationKey()));

        List<VerificationKey> parsed = KeyFiles.parseJwks(ring.jwks());

        assertEquals(ring.verificationKeys(), parsed);
        assertArrayEquals(ring.jwks(), new KeyRing(TestKeys.fixed(1), parsed.subList(1, 3)).jwks());
    }

    @Test
    void jwkHasTheFieldsOfAnEs256Key() {
        var jwk = TestKeys.rfc6979().verificationKey().jwk();

        assertEquals("EC", jwk.get("kty").asText());
        assertEquals("P-256", jwk.get("crv").asText());
        assertEquals("ES256", jwk.get("alg").asText());
        assertEquals("sig", jwk.get("use").asText());
        // RFC 6979 A.2.5's public key: Ux = 60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6
        assertEquals(Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.HexFormat.of()
                .parseHex("60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6")), jwk.get("x").asText());
        assertTrue(!jwk.get("y").asText().contains("=") && jwk.get("y").asText().length() == 43);
    }

    @Test
    void aJwksKeyWithALibtrustStyleKidLoadsUnderThatKid() {
        String kid = "PYYO:TEWU:V7JH:26JV:AQTZ:LJC3:SXVJ:XGHA:34F2:2LAQ:ZRMK:Z7Q6";
        var jwk = TestKeys.fixed(1).verificationKey().jwk().put("kid", kid);

        List<VerificationKey> parsed = KeyFiles.parseJwks(("{\"keys\":[" + jwk + "]}")
                .getBytes(StandardCharsets.UTF_8));

        assertEquals(kid, parsed.get(0).id().value());
    }

    @Test
    void jwksSkipsKeysOfOtherTypesAndRefusesASetWithoutP256Keys() {
        byte[] mixed = ("{\"keys\":[{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\"}," + new String(
                TestKeys.fixed(1).verificationKey().jwk().toString()) + "]}").getBytes(StandardCharsets.UTF_8);

        assertEquals(List.of(TestKeys.fixed(1).verificationKey()), KeyFiles.parseJwks(mixed));
        assertThrows(KeyException.class,
                () -> KeyFiles.parseJwks("{\"keys\":[{\"kty\":\"RSA\"}]}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(KeyException.class, () -> KeyFiles.parseJwks("not json".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aJwkWhosePointIsNotOnTheCurveIsRefused() {
        var jwk = TestKeys.fixed(1).verificationKey().jwk();
        String x = jwk.get("x").asText();
        jwk.put("x", (x.charAt(0) == 'A' ? "B" : "A") + x.substring(1));

        assertThrows(KeyException.class, () -> KeyFiles.parseJwks(("{\"keys\":[" + jwk + "]}")
                .getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void keyRingPemListsEveryKeySigningFirst() {
        KeyRing ring = new KeyRing(TestKeys.fixed(1), List.of(TestKeys.fixed(2).verificationKey()));

        List<VerificationKey> parsed = KeyFiles.parsePem(ring.pem());

        assertEquals(2, parsed.size());
        assertArrayEquals(TestKeys.fixed(1).verificationKey().subjectPublicKeyInfo(),
                parsed.get(0).subjectPublicKeyInfo());
        assertArrayEquals(TestKeys.fixed(2).verificationKey().subjectPublicKeyInfo(),
                parsed.get(1).subjectPublicKeyInfo());
    }

    @Test
    void keyRingRefusesTwoKeysWithOneId() {
        SigningKey signing = TestKeys.fixed(1);

        assertThrows(KeyException.class, () -> new KeyRing(signing, List.of(TestKeys.fixed(2).verificationKey()
                .withId(signing.id()))));
    }

    @Test
    void keyRingFindsARetiredKeyById() {
        KeyRing ring = new KeyRing(TestKeys.fixed(1), List.of(TestKeys.fixed(2).verificationKey()));

        assertEquals(Optional.of(TestKeys.fixed(2).verificationKey()), ring.find(KeyId.parse("test-2")));
        assertEquals(Optional.empty(), ring.find(KeyId.parse("test-3")));
    }
}
