import { describe, expect, it } from 'vitest';
import { foldVietnamese } from '#domain/text';

describe('foldVietnamese', () => {
  it('makes "quyet dinh" and "Quyết định" equal', () => {
    expect(foldVietnamese('Quyết định')).toBe(foldVietnamese('quyet dinh'));
  });

  it('folds đ/Đ to d and every tone mark away', () => {
    expect(foldVietnamese('ĐƯỜNG Đê Hoàng Hoa Thám, Hỏa tốc')).toBe('duong de hoang hoa tham, hoa toc');
  });

  it('folds composed and decomposed Unicode alike', () => {
    expect(foldVietnamese('Thượng khẩn'.normalize('NFD'))).toBe(foldVietnamese('Thượng khẩn'.normalize('NFC')));
  });

  it('collapses white space', () => {
    expect(foldVietnamese('  Công   văn\n số ')).toBe('cong van so');
  });
});
