#!/usr/bin/env bash
# Generates the test PKI and the face photo of the virtual CCCD into Tests/Fixtures/cccd/.
# The outputs are committed, so builds and tests never run this; run it again only to renew them.
#
#   csca*.pem / .key      test Country Signing CAs: P-256 (csca), brainpoolP256r1 (csca-bp),
#                         RSA 3072 (csca-rsa), brainpoolP512r1 with explicit parameters and
#                         ECDSA-SHA512 (csca-explicit), and csca-unknown, which no trust store holds
#   ds*.pem / .key        Document Signers (sign each card's EF.SOD): ds (P-256), ds-bp, ds-rsa,
#                         ds-expired (2015-2020), ds-revoked (listed in csca.crl), ds-unknown,
#                         ds-explicit (brainpoolP512r1, explicit parameters)
#   csca.crl              the P-256 CSCA's CRL, revoking ds-revoked
#   trust/                a trust store: csca, csca-bp, csca-rsa and csca.crl
#   chip-auth.key / .der  chip-authentication key pair, brainpoolP256r1 (DG14 holds the public key)
#   chip-auth-clone.key   another brainpoolP256r1 key: a "clone" chip that cannot prove DG14's key
#   active-auth.key / .der active-authentication key pair, RSA 2048 (DG15 holds the public key)
#   active-auth-ec.key / .der active-authentication key pair, ECDSA P-256
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

# Keys as unencrypted PKCS#8 PEM. $1 = output stem, $2 = "ec:CURVE", "ecx:CURVE" (the curve's
# parameters spelled out instead of named) or "rsa:BITS".
key() {
    case "$2" in
        ec:*) openssl genpkey -algorithm EC -pkeyopt "ec_paramgen_curve:${2#ec:}" -pkeyopt ec_param_enc:named_curve -out "$1.key" ;;
        ecx:*) openssl genpkey -algorithm EC -pkeyopt "ec_paramgen_curve:${2#ecx:}" -pkeyopt ec_param_enc:explicit -out "$1.key" ;;
        rsa:*) openssl genpkey -algorithm RSA -pkeyopt "rsa_keygen_bits:${2#rsa:}" -out "$1.key" ;;
    esac
}

# A self-signed CSCA with its own `openssl ca` database. $1 = stem, $2 = key spec, $3 = CN,
# $4 = digest of its signatures (default sha256).
csca() {
    local digest=${4:-sha256}
    key "$1" "$2"
    openssl req -new -x509 -key "$1.key" -days 7300 "-$digest" -out "$1.pem" \
        -subj "/C=VN/O=HealthKiosk Test/CN=$3" \
        -addext "basicConstraints=critical,CA:TRUE,pathlen:0" \
        -addext "keyUsage=critical,keyCertSign,cRLSign" \
        -addext "subjectKeyIdentifier=hash"
    mkdir -p "$work/$1"
    : >"$work/$1/index.txt"
    echo 1000 >"$work/$1/serial"
    echo 1000 >"$work/$1/crlnumber"
    cat >"$work/$1/ca.cnf" <<CNF
[ca]
default_ca = this
[this]
dir = $work/$1
database = \$dir/index.txt
serial = \$dir/serial
crlnumber = \$dir/crlnumber
new_certs_dir = \$dir
certificate = $out/$1.pem
private_key = $out/$1.key
default_md = $digest
default_crl_days = 7300
policy = anything
unique_subject = no
copy_extensions = none
[anything]
countryName = optional
organizationName = optional
commonName = supplied
[ds]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
CNF
}

# A Document Signer issued by a CSCA. $1 = stem, $2 = key spec, $3 = CSCA stem, $4 = CN,
# $5/$6 = optional start and end dates (YYYYMMDDHHMMSSZ); 10 years from now otherwise.
ds() {
    key "$1" "$2"
    openssl req -new -key "$1.key" -out "$work/$1.csr" -subj "/C=VN/O=HealthKiosk Test/CN=$4"
    local dates=(-days 3650)
    if [ -n "${5:-}" ]; then dates=(-startdate "$5" -enddate "$6"); fi
    openssl ca -batch -notext -config "$work/$3/ca.cnf" -extensions ds "${dates[@]}" \
        -in "$work/$1.csr" -out "$1.pem" 2>/dev/null
}

csca csca ec:prime256v1 "Test CSCA Vietnam"
csca csca-bp ec:brainpoolP256r1 "Test CSCA Vietnam brainpool"
csca csca-rsa rsa:3072 "Test CSCA Vietnam RSA"
csca csca-unknown ec:prime256v1 "Test CSCA Elsewhere"
ds ds ec:prime256v1 csca "Test Document Signer"
ds ds-bp ec:brainpoolP256r1 csca-bp "Test Document Signer brainpool"
ds ds-rsa rsa:2048 csca-rsa "Test Document Signer RSA"
ds ds-expired ec:prime256v1 csca "Test Document Signer expired" 20150101000000Z 20200101000000Z
ds ds-revoked ec:prime256v1 csca "Test Document Signer revoked"
ds ds-unknown ec:prime256v1 csca-unknown "Test Document Signer of an unknown CSCA"
# Shaped like Vietnam's passport CSCA: brainpoolP512r1 with explicit parameters, ECDSA-SHA512.
csca csca-explicit ecx:brainpoolP512r1 "Test CSCA Vietnam explicit parameters" sha512
ds ds-explicit ecx:brainpoolP512r1 csca-explicit "Test Document Signer explicit parameters"
openssl ca -batch -config "$work/csca/ca.cnf" -revoke ds-revoked.pem -crl_reason keyCompromise 2>/dev/null
openssl ca -batch -config "$work/csca/ca.cnf" -gencrl -out csca.crl 2>/dev/null

# The trust store of the tests: every CSCA but the unknown one, and the CRL.
mkdir -p trust
cp csca.pem csca-bp.pem csca-rsa.pem csca-explicit.pem csca.crl trust/

# Chip keys: chip authentication on brainpoolP256r1 (DG14), a second one for a "clone" whose
# chip key does not match DG14, and active authentication with RSA and with ECDSA P-256 (DG15).
key chip-auth ec:brainpoolP256r1
openssl pkey -in chip-auth.key -pubout -outform DER -out chip-auth.der
key chip-auth-clone ec:brainpoolP256r1
key active-auth rsa:2048
openssl pkey -in active-auth.key -pubout -outform DER -out active-auth.der
key active-auth-ec ec:prime256v1
openssl pkey -in active-auth-ec.key -pubout -outform DER -out active-auth-ec.der

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

# (openssl verify refuses keys with explicit curve parameters, which ICAO 9303-12 asks for: the
# test suite checks that pair's chain.)
for pair in csca:ds csca-bp:ds-bp csca-rsa:ds-rsa csca-unknown:ds-unknown; do
    openssl verify -CAfile "${pair%%:*}.pem" "${pair#*:}.pem" >/dev/null
done
ls -l "$out"
