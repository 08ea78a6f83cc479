import { describe, expect, it } from 'vitest';
import { BoardFontsMissingError, findBoardFonts } from '../../../server/src/boards/boardFonts.js';

describe('findBoardFonts', () => {
  it('finds the Noto Sans CJK collections of fonts-noto-cjk, naming the SC faces inside them', () => {
    const fonts = findBoardFonts();
    expect(fonts.regular).toEqual({
      path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
      family: 'NotoSansCJKsc-Regular',
    });
    expect(fonts.bold.family).toBe('NotoSansCJKsc-Bold');
  });

  it('names the package to install when the fonts are missing', () => {
    expect(() => findBoardFonts(['/nonexistent/fonts'])).toThrow(BoardFontsMissingError);
    expect(() => findBoardFonts(['/nonexistent/fonts'])).toThrow(/apt-get install fonts-noto-cjk/);
  });
});
