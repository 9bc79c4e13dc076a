package io.huruhuru.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.huruhuru.oci.Digest;
import io.huruhuru.signature.key.KeyId;
import java.util.List;
import java.util.Optional;

/** What {@code huruhuru verify} found, as text or JSON: which signature and key verified, or why none did. */
record VerifyReport(String image, Digest digest, int trustedKeys, Part signature, Optional<Part> attestation) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * The signature or the attestation: verified or not, every manifest tried in order.
     *
     * @param predicateType the predicate type required (attestations only)
     */
    record Part(boolean verified, List<Attempt> attempts, Optional<String> predicateType) {

        /** The attempt that verified, if one did. */
        Optional<Attempt> good() {
            return attempts.stream().filter(Attempt::good).findFirst();
        }
    }

    /**
     * One place looked at: a tag or referrer and the manifest found there, and what checking it gave.
     *
     * @param outcome an {@link io.huruhuru.signature.Outcome} id, or {@code not-found}
     * @param passed the attested verdict, for a verified attestation
     * @param good whether this is what was looked for: a verified signature, a verified attestation that passed
     */
    record Attempt(String where, Optional<Digest> manifest, String outcome, Optional<KeyId> keyId, String detail,
            Optional<Boolean> passed, boolean good) {

        static Attempt missing(String where, String detail) {
            return new Attempt(where, Optional.empty(), "not-found", Optional.empty(), detail, Optional.empty(), false);
        }
    }

    boolean verified() {
        return signature.verified() && attestation.map(Part::verified).orElse(true);
    }

    String text() {
        StringBuilder out = new StringBuilder();
        out.append(image).append('@').append(digest).append(": ").append(verified() ? "VERIFIED" : "NOT VERIFIED")
                .append(" (").append(trustedKeys).append(" trusted key(s))\n");
        part(out, "signature", signature);
        attestation.ifPresent(a -> part(out, "attestation " + a.predicateType().orElse(""), a));
        return out.toString();
    }

    private static void part(StringBuilder out, String name, Part part) {
        Optional<Attempt> good = part.good();
        if (good.isPresent()) {
            Attempt a = good.get();
            out.append("  ").append(name).append(": verified by key ").append(a.keyId().map(KeyId::value).orElse("?"))
                    .append(a.passed().map(p -> p ? ", verdict passed" : ", verdict failed").orElse(""))
                    .append(" (").append(a.where()).append(a.manifest().map(d -> " " + d).orElse(""))
                    .append(": ").append(a.detail()).append(")\n");
            return;
        }
        out.append("  ").append(name).append(": NOT verified\n");
        for (Attempt a : part.attempts()) {
            out.append("    ").append(a.where()).append(a.manifest().map(d -> " " + d).orElse("")).append(": ")
                    .append(a.outcome());
            a.keyId().ifPresent(k -> out.append(" (key ").append(k).append(')'));
            a.passed().ifPresent(p -> out.append(p ? ", verdict passed" : ", verdict failed"));
            out.append(": ").append(a.detail()).append('\n');
        }
    }

    String json() {
        ObjectNode root = JSON.createObjectNode();
        root.put("image", image);
        root.put("digest", digest.toString());
        root.put("verified", verified());
        root.put("trustedKeys", trustedKeys);
        json(root.putObject("signature"), signature);
        attestation.ifPresent(a -> json(root.putObject("attestation"), a));
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void json(ObjectNode node, Part part) {
        node.put("verified", part.verified());
        part.predicateType().ifPresent(p -> node.put("predicateType", p));
        part.good().ifPresent(good -> {
            good.keyId().ifPresent(k -> node.put("keyId", k.value()));
            good.manifest().ifPresent(d -> node.put("manifest", d.toString()));
            good.passed().ifPresent(p -> node.put("passed", p));
        });
        ArrayNode attempts = node.putArray("checked");
        for (Attempt a : part.attempts()) {
            ObjectNode attempt = attempts.addObject();
            attempt.put("where", a.where());
            a.manifest().ifPresent(d -> attempt.put("manifest", d.toString()));
            attempt.put("outcome", a.outcome());
            a.keyId().ifPresent(k -> attempt.put("keyId", k.value()));
            a.passed().ifPresent(p -> attempt.put("passed", p));
            attempt.put("detail", a.detail());
        }
    }
}
