import { describe, expect, it } from 'vitest';
import { idCheckChar, makeIdNumber, normaliseIdNumber, parseIdNumber } from './id-card.js';
import { maskIdNumber, maskMobile } from './mask.js';
import { checkPasswordStrength } from './password-policy.js';
import { isShixunNo, makeShixunNo } from './shixun-no.js';

describe('GB 11643 ID numbers', () => {
  it('accepts a valid number and reads birth date, gender and region', () => {
    // The standard's own example.
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(parseIdNumber('11010519491231002X')).toEqual({ birthDate: '1949-12-31', gender: 'F', regionCode: '110105' });
  });
  it('refuses a wrong check digit, an impossible date and a future birth', () => {
    expect(parseIdNumber('110105194912310021')).toBeNull();
    expect(parseIdNumber(makeIdNumber('330106', '1990-02-30', 1, 'M'))).toBeNull();
    expect(parseIdNumber(makeIdNumber('330106', '2090-01-01', 1, 'M'), new Date('2026-01-01'))).toBeNull();
  });
  it('normalises full-width spaces and a lower-case x', () => {
    expect(normaliseIdNumber(' 11010519491231002x\u3000')).toBe('11010519491231002X');
  });
  it('makes numbers whose gender digit matches', () => {
    expect(parseIdNumber(makeIdNumber('330106', '1985-06-01', 998, 'M'))?.gender).toBe('M');
    expect(parseIdNumber(makeIdNumber('330106', '1985-06-01', 998, 'F'))?.gender).toBe('F');
  });
});

describe('师训号', () => {
  it('is 12 digits with a Luhn check digit that catches a typo', () => {
    const no = makeShixunNo('33', 2026, 1234);
    expect(no).toMatch(/^33260001234\d$/);
    expect(isShixunNo(no)).toBe(true);
    expect(isShixunNo(`${no.slice(0, 5)}${(Number(no[5]) + 1) % 10}${no.slice(6)}`)).toBe(false);
  });
});

describe('masking (ACC-10)', () => {
  it('keeps the first four and last four of an ID number and 3+4 of a mobile', () => {
    expect(maskIdNumber('33010619900101123X')).toBe('3301**********123X');
    expect(maskMobile('13812345678')).toBe('138****5678');
    expect(maskMobile(null)).toBeNull();
  });
});

describe('password strength', () => {
  it('names the first rule broken', () => {
    expect(checkPasswordStrength('Ab1!')).toBe('pwLength');
    expect(checkPasswordStrength('abcdefgh1')).toBe('pwClasses');
    expect(checkPasswordStrength('P@ssw0rd')).toBe('pwCommon');
    expect(checkPasswordStrength('Xy#13812345678', { mobile: '13812345678' })).toBe('pwPersonal');
    expect(checkPasswordStrength('Blue#Rain42')).toBeNull();
  });
});
