/** ECDSA P-256 keys: signing, verifying, key files, PEM and JWK Sets. */
package io.huruhuru.signature.key;
