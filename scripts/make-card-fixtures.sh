#!/usr/bin/env bash
# Generates the test PKI and the face photo of the virtual CCCD into Tests/Fixtures/cccd/.
# The outputs are committed, so builds and tests never run this; run it again only to renew them.
#
#   csca.pem / csca.key   test Country Signing CA (EC P-256, self-signed, 10 years)
#   ds.pem / ds.key       test Document Signer, issued by the CSCA (signs each card's EF.SOD)
#   chip-auth.key / .der  chip-authentication key pair, brainpoolP256r1 (DG14 holds the public key)
#   active-auth.key / .der active-authentication key pair, RSA 2048 (DG15 holds the public key)
#   photo.jpg             a synthetic 480x640 face-sized JPEG of about 15 KB for DG2
#
# The virtual card builds DG1, DG2, DG13, DG14, DG15 and a CMS SignedData EF.SOD from a
# resident profile at start-up (VirtualCCCDProfile), signing with ds.key.
set -euo pipefail

out=${1:-"$(cd "$(dirname "$0")/.." && pwd)/Tests/Fixtures/cccd"}
mkdir -p "$out"
cd "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

openssl ecparam -name prime256v1 -genkey -noout -out "$work/csca.key"
openssl pkcs8 -topk8 -nocrypt -in "$work/csca.key" -out csca.key
openssl req -new -x509 -key csca.key -days 3650 -sha256 -out csca.pem \
    -subj "/C=VN/O=HealthKiosk Test/CN=Test CSCA Vietnam" \
    -addext "basicConstraints=critical,CA:TRUE,pathlen:0" \
    -addext "keyUsage=critical,keyCertSign,cRLSign"

openssl ecparam -name prime256v1 -genkey -noout -out "$work/ds.key"
openssl pkcs8 -topk8 -nocrypt -in "$work/ds.key" -out ds.key
openssl req -new -key ds.key -out "$work/ds.csr" -subj "/C=VN/O=HealthKiosk Test/CN=Test Document Signer"
cat >"$work/ds.ext" <<'EXT'
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
EXT
openssl x509 -req -in "$work/ds.csr" -CA csca.pem -CAkey csca.key -CAcreateserial -CAserial "$work/csca.srl" \
    -days 3650 -sha256 -extfile "$work/ds.ext" -out ds.pem

openssl ecparam -name brainpoolP256r1 -genkey -noout -out "$work/chip-auth.key"
openssl pkcs8 -topk8 -nocrypt -in "$work/chip-auth.key" -out chip-auth.key
openssl pkey -in chip-auth.key -pubout -outform DER -out chip-auth.der

openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out active-auth.key
openssl pkey -in active-auth.key -pubout -outform DER -out active-auth.der

# A synthetic portrait-sized image (an oval "face" on a gradient with fine texture), encoded
# with libjpeg; the quality is chosen to land near 15 KB.
cat >"$work/photo.c" <<'C'
#include <stdio.h>
#include <jpeglib.h>
int main(void) {
    enum { W = 480, H = 640 };
    static unsigned char row[W * 3];
    struct jpeg_compress_struct c; struct jpeg_error_mgr e;
    c.err = jpeg_std_error(&e); jpeg_create_compress(&c); jpeg_stdio_dest(&c, stdout);
    c.image_width = W; c.image_height = H; c.input_components = 3; c.in_color_space = JCS_RGB;
    jpeg_set_defaults(&c); jpeg_set_quality(&c, 58, TRUE); jpeg_start_compress(&c, TRUE);
    unsigned int seed = 9303;
    for (int y = 0; y < H; y++) {
        for (int x = 0; x < W; x++) {
            seed = seed * 1103515245u + 12345u;
            int noise = (int)((seed >> 16) % 13) - 6;
            double dx = (x - W / 2) / 150.0, dy = (y - H / 2 + 40) / 200.0;
            int inFace = dx * dx + dy * dy < 1.0;
            int r = inFace ? 222 : 60 + y / 8, g = inFace ? 184 : 90 + x / 10, b = inFace ? 150 : 160;
            row[x * 3] = (unsigned char)(r + noise); row[x * 3 + 1] = (unsigned char)(g + noise); row[x * 3 + 2] = (unsigned char)(b + noise);
        }
        JSAMPROW p = row; jpeg_write_scanlines(&c, &p, 1);
    }
    jpeg_finish_compress(&c); jpeg_destroy_compress(&c);
    return 0;
}
C
cc -O1 -o "$work/photo" "$work/photo.c" -ljpeg
"$work/photo" >photo.jpg

openssl verify -CAfile csca.pem ds.pem >/dev/null
ls -l "$out"
