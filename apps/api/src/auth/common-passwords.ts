import { Injectable } from '@nestjs/common';
import { dictionary } from '@zxcvbn-ts/language-common';
import { PASSWORD_MIN_LENGTH } from '@chat/contract';

let list: ReadonlySet<string> | undefined;

/** Built on first use, once per process (about 20 ms, 18,000 entries). */
function commonPasswords(): ReadonlySet<string> {
  list ??= new Set(
    dictionary['passwords-common']
      .filter((entry) => entry.length >= PASSWORD_MIN_LENGTH)
      .map((entry) => entry.toLowerCase()),
  );
  return list;
}

/**
 * Commonly used passwords, refused at signup: the ~49,000 most common passwords of public
 * breach corpora that zxcvbn-ts ships (`@zxcvbn-ts/language-common`, MIT), of which ~18,000 are
 * long enough to pass the length rule anyway. Shipped inside the package: nothing is downloaded.
 * Compared case-insensitively ("Password1" is as guessable as "password1").
 */
@Injectable()
export class CommonPasswords {
  has(password: string): boolean {
    return commonPasswords().has(password.toLowerCase());
  }
}
