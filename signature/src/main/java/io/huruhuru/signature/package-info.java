/** The registry's signing keys, cosign signatures and in-toto attestations in DSSE envelopes. */
package io.huruhuru.signature;
