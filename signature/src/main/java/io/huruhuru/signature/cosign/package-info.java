/** cosign's simple-signing payload. */
package io.huruhuru.signature.cosign;
