import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The CJK font notice boards are set in: Noto Sans CJK SC from the system package fonts-noto-cjk
 * (Debian/Ubuntu; `google-noto-sans-cjk-fonts` on Fedora), never fetched. The files are TrueType
 * collections holding every CJK face, so each face is picked by its PostScript name; PDFKit embeds
 * only the glyphs a document uses (a board's PDF carries a few hundred, ~100 KB, not the 19 MB file).
 */
export interface BoardFont {
  path: string;
  /** The PostScript name of the face inside the collection. */
  family: string;
}

export interface BoardFonts {
  regular: BoardFont;
  bold: BoardFont;
}

const FONT_DIRECTORIES = [
  '/usr/share/fonts/opentype/noto',
  '/usr/share/fonts/google-noto-cjk',
  '/usr/share/fonts/noto-cjk',
];

/** The server has no CJK font: boards cannot be set (README "Notice boards" names the package). */
export class BoardFontsMissingError extends Error {
  readonly statusCode = 503;
}

/** The installed Noto Sans CJK faces; throws when the package is missing. */
export function findBoardFonts(directories: readonly string[] = FONT_DIRECTORIES): BoardFonts {
  for (const directory of directories) {
    const regular = join(directory, 'NotoSansCJK-Regular.ttc');
    const bold = join(directory, 'NotoSansCJK-Bold.ttc');
    if (existsSync(regular) && existsSync(bold)) {
      return {
        regular: { path: regular, family: 'NotoSansCJKsc-Regular' },
        bold: { path: bold, family: 'NotoSansCJKsc-Bold' },
      };
    }
  }
  throw new BoardFontsMissingError(
    `notice boards need the Noto Sans CJK fonts (apt-get install fonts-noto-cjk); looked in ${directories.join(', ')}`,
  );
}
