import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches, MaxLength } from 'class-validator';
import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  USERNAME_PATTERN,
  type Credentials,
} from '@chat/contract';
import { IsPlainText } from '../../common/validation/plain-text';

export class SignupDto implements Credentials {
  @ApiProperty({ pattern: USERNAME_PATTERN.source, example: 'ada' })
  @IsPlainText()
  @IsString()
  @Matches(USERNAME_PATTERN, {
    message: 'username must be 3 to 32 letters, digits, dots, dashes or underscores',
  })
  username!: string;

  @ApiProperty({
    minLength: PASSWORD_MIN_LENGTH,
    maxLength: PASSWORD_MAX_LENGTH,
    description:
      'Not all digits (of any script), not only white space, not equal to the username, not a commonly used password.',
  })
  @IsPlainText()
  @IsString()
  @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH, {
    message: `password must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters long`,
  })
  password!: string;
}

export class LoginDto implements Credentials {
  @ApiProperty({ example: 'ada', description: 'Matched case-insensitively.' })
  @IsPlainText()
  @IsString()
  @MaxLength(64)
  username!: string;

  @ApiProperty()
  @IsPlainText()
  @IsString()
  @MaxLength(1024)
  password!: string;
}
