"""Checks a DSSE envelope with securesystemslib, independently of Huruhuru's Java code.

usage: dsse_verify.py ENVELOPE.json PUBLIC_KEY.pem KEYID
Prints "verified KEYID PAYLOADTYPE" and exits 0, or prints why not and exits 1.

Debian 12's securesystemslib (0.26) has no DSSE module yet, so the pre-authentication encoding is written here from
the DSSE protocol (secure-systems-lab/dsse, protocol.md); the ECDSA P-256 check is securesystemslib's own.
"""
import base64
import json
import sys

from securesystemslib.signer import Signature, SSlibKey


def pae(payload_type: str, payload: bytes) -> bytes:
    type_bytes = payload_type.encode("utf-8")
    return b"DSSEv1 %d %s %d %s" % (len(type_bytes), type_bytes, len(payload), payload)


def main() -> int:
    envelope_file, pem_file, keyid = sys.argv[1:4]
    with open(envelope_file, "rb") as f:
        envelope = json.load(f)
    with open(pem_file, "r", encoding="ascii") as f:
        key = SSlibKey(keyid, "ecdsa", "ecdsa-sha2-nistp256", {"public": f.read()})
    payload = base64.b64decode(envelope["payload"], validate=True)
    message = pae(envelope["payloadType"], payload)
    for entry in envelope["signatures"]:
        if entry.get("keyid", keyid) != keyid:
            continue
        signature = Signature(keyid, base64.b64decode(entry["sig"], validate=True).hex())
        try:
            key.verify_signature(signature, message)
        except Exception as e:  # securesystemslib raises UnverifiedSignatureError or VerificationError
            print("not verified:", type(e).__name__, e)
            return 1
        print("verified", keyid, envelope["payloadType"])
        return 0
    print("no signature by", keyid)
    return 1


if __name__ == "__main__":
    sys.exit(main())
