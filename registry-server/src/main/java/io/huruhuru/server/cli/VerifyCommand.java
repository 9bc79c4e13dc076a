package io.huruhuru.server.cli;

import io.huruhuru.oci.Descriptor;
import io.huruhuru.oci.Digest;
import io.huruhuru.oci.Tag;
import io.huruhuru.signature.AttestationArtifact;
import io.huruhuru.signature.AttestationCheck;
import io.huruhuru.signature.SignatureArtifact;
import io.huruhuru.signature.SignatureCheck;
import io.huruhuru.signature.Verifier;
import io.huruhuru.signature.key.KeyException;
import io.huruhuru.signature.key.KeyFiles;
import io.huruhuru.signature.key.VerificationKey;
import io.huruhuru.validation.RawManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code huruhuru verify}: checks an image's cosign signature (and attestation) with the registry's public keys. */
@Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Check that an image carries a signature (cosign's layout) by a trusted key, and with",
            "--attestation also a signed koskit validation attestation whose verdict is a pass.",
            "IMAGE is as for validate: oci:DIR[:REF]  oci-archive:FILE[:REF]  docker://HOST[:PORT]/NAME[:TAG]",
            "The signature is looked up by cosign's tag sha256-<hex>.sig, then among the image's referrers."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:verified", "1:not verified (no signature, wrong key, digest mismatch, tampered payload,"
                + " failed attestation)", "2:the image, the keys or an option cannot be read"})
final class VerifyCommand implements Callable<Integer> {

    static final int VERIFIED = 0;
    static final int NOT_VERIFIED = 1;
    static final int UNREADABLE = 2;

    @Spec
    private CommandSpec spec;

    /** Where the trusted keys come from: a file, or a URL such as the registry's /sel4/v1/keys. */
    static final class KeySource {
        @Option(names = "--key", paramLabel = "PEM", required = true,
                description = "file of trusted public key(s) in PEM (a private key's public part is taken)")
        Path file;

        @Option(names = "--keys", paramLabel = "URL", required = true,
                description = "URL of trusted keys, a JWK Set or PEM (e.g. https://REGISTRY/sel4/v1/keys)")
        String url;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    private KeySource keySource;

    @Option(names = "--attestation", description = "also require a signed koskit validation attestation that passed")
    private boolean attestation;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text or json; default text")
    private String format;

    @Mixin
    private RegistryAccess registryAccess;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "the image to check (see above)")
    private String image;

    @Override
    public Integer call() {
        try {
            if (!"text".equals(format) && !"json".equals(format)) {
                throw new IllegalArgumentException("unknown --format " + format + " (text or json)");
            }
            List<VerificationKey> keys = keySource.file != null
                    ? KeyFiles.readPublicKeys(keySource.file)
                    : KeyFetcher.fetch(keySource.url, registryAccess.plainHttp);
            Verifier verifier = new Verifier(keys);
            ImageInput input = ImageInput.parse(image);
            VerifyReport report;
            ImageInput.Opened opened = ImageInput.open(input, registryAccess.options(System.in));
            try {
                RawManifest manifest = opened.source().manifest();
                VerifyReport.Part signature = checkSignatures(opened, manifest.digest(), verifier);
                Optional<VerifyReport.Part> attested = attestation
                        ? Optional.of(checkAttestations(opened, manifest.digest(), verifier)) : Optional.empty();
                report = new VerifyReport(image, manifest.digest(), keys.size(), signature, attested);
            } finally {
                opened.resource().close();
            }
            String rendered = "json".equals(format) ? report.json() : report.text();
            spec.commandLine().getOut().print(rendered);
            spec.commandLine().getOut().flush();
            return report.verified() ? VERIFIED : NOT_VERIFIED;
        } catch (KeyException | IllegalArgumentException e) {
            return unreadable(e.getMessage());
        } catch (IOException | UncheckedIOException e) {
            return unreadable(e.getMessage());
        }
    }

    private static VerifyReport.Part checkSignatures(ImageInput.Opened opened, Digest digest, Verifier verifier) {
        return search(opened, digest, SignatureArtifact.signatureTag(digest), SignatureArtifact.ARTIFACT_TYPE,
                Optional.empty(), (where, manifest) -> {
                    SignatureCheck check = verifier.checkSignature(digest, Optional.empty(), manifest.body(),
                            (blob, max) -> opened.source().blob(blob, max));
                    return new VerifyReport.Attempt(where, Optional.of(manifest.digest()), check.outcome().id(),
                            check.keyId(), check.detail(), Optional.empty(), check.verified());
                });
    }

    private static VerifyReport.Part checkAttestations(ImageInput.Opened opened, Digest digest, Verifier verifier) {
        Optional<String> koskit = Optional.of(AttestationArtifact.KOSKIT_VALIDATION);
        return search(opened, digest, AttestationArtifact.attestationTag(digest), AttestationArtifact.ARTIFACT_TYPE,
                koskit, (where, manifest) -> {
                    AttestationCheck check = verifier.checkAttestation(digest, koskit, manifest.body(),
                            (blob, max) -> opened.source().blob(blob, max));
                    // the verdict of the validation report (validation's JsonReport) is its top-level "passed"
                    Optional<Boolean> passed = check.verified() ? check.statement()
                            .map(s -> s.predicate().path("passed"))
                            .map(p -> p.isBoolean() && p.booleanValue()) : Optional.empty();
                    return new VerifyReport.Attempt(where, Optional.of(manifest.digest()), check.outcome().id(),
                            check.keyId(), check.detail(), passed, passed.orElse(false));
                });
    }

    /**
     * Looks under cosign's tag first and, unless that manifest verifies, among the referrers of the artifact type
     * (one found by the tag is not checked twice). A lookup that fails is recorded, not thrown: the other place may
     * still hold a good signature.
     */
    private static VerifyReport.Part search(ImageInput.Opened opened, Digest digest, Optional<Tag> tag, String artifactType,
            Optional<String> predicateType, BiFunction<String, RawManifest, VerifyReport.Attempt> check) {
        List<VerifyReport.Attempt> attempts = new ArrayList<>();
        Optional<Digest> tagged = Optional.empty();
        if (tag.isPresent()) {
            String where = "tag " + tag.get();
            try {
                Optional<RawManifest> manifest = opened.lookup().taggedManifest(tag.get());
                tagged = manifest.map(RawManifest::digest);
                attempts.add(manifest.isPresent() ? check.apply(where, manifest.get())
                        : VerifyReport.Attempt.missing(where, "no such tag"));
            } catch (IOException | RuntimeException e) {
                attempts.add(VerifyReport.Attempt.missing(where, "cannot be read: " + e.getMessage()));
            }
            if (attempts.get(0).good()) {
                return new VerifyReport.Part(true, attempts, predicateType);
            }
        }
        String where = "referrers of type " + artifactType;
        try {
            List<Descriptor> referrers = opened.lookup().referrers(digest, artifactType);
            if (referrers.isEmpty()) {
                attempts.add(VerifyReport.Attempt.missing(where, "none"));
            }
            for (Descriptor referrer : referrers) {
                if (tagged.filter(referrer.digest()::equals).isPresent()) {
                    continue;
                }
                VerifyReport.Attempt attempt = check.apply("referrer", opened.source().manifest(referrer.digest()));
                attempts.add(attempt);
                if (attempt.good()) {
                    return new VerifyReport.Part(true, attempts, predicateType);
                }
            }
        } catch (IOException | RuntimeException e) {
            attempts.add(VerifyReport.Attempt.missing(where, "cannot be read: " + e.getMessage()));
        }
        return new VerifyReport.Part(false, attempts, predicateType);
    }

    private int unreadable(String message) {
        spec.commandLine().getErr().println("huruhuru verify: " + message);
        spec.commandLine().getErr().flush();
        return UNREADABLE;
    }
}
