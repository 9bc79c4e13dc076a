/** DSSE envelopes and in-toto statements. */
package io.huruhuru.signature.dsse;
