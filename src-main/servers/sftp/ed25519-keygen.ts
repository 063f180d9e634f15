// ssh2's key generator strips leading zero bytes from the 32-byte ed25519 public key, so about one
// key in 256 comes out 31 bytes long and can never be loaded again ("Malformed OpenSSH private
// key"). Every ed25519 key Wharf generates goes through here and is regenerated until it is whole.
import ssh2 from 'ssh2';

/** Wire length of an ed25519 public key blob: 4 + "ssh-ed25519" (11) + 4 + 32 bytes. */
const ED25519_BLOB_LENGTH = 51;

export interface GeneratedKeyPair {
  readonly public: string;
  readonly private: string;
}

export function generateEd25519Pair(comment?: string): GeneratedKeyPair {
  for (;;) {
    const pair = ssh2.utils.generateKeyPairSync('ed25519', comment === undefined ? {} : { comment });
    const blob = Buffer.from(pair.public.trim().split(' ')[1] ?? '', 'base64');
    if (blob.length === ED25519_BLOB_LENGTH) return pair;
  }
}
