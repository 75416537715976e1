import { IsString, Length, Matches, MaxLength } from 'class-validator';
import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  USERNAME_PATTERN,
  type Credentials,
} from '@chat/contract';
import { IsPlainText } from '../../common/validation/plain-text';
import { Describe } from '../../common/validation/shapes';

export class SignupDto implements Credentials {
  @Describe('Unique case-insensitively; the casing given is kept for display.', 'ada')
  @IsPlainText()
  @IsString()
  @Matches(USERNAME_PATTERN, {
    message: 'username must be 3 to 32 letters, digits, dots, dashes or underscores',
  })
  username!: string;

  @Describe(
    'Not all digits (of any script), not only white space, not equal to the username, not a ' +
      'commonly used password.',
  )
  @IsPlainText()
  @IsString()
  @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH, {
    message: `password must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters long`,
  })
  password!: string;
}

export class LoginDto implements Credentials {
  @Describe('Matched case-insensitively.', 'ada')
  @IsPlainText()
  @IsString()
  @MaxLength(64)
  username!: string;

  @IsPlainText()
  @IsString()
  @MaxLength(1024)
  password!: string;
}
