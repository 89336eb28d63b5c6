// `npm run icons`: redraws manifest/icons/*.png from scripts/src/manifest/icons.ts (a test keeps them in step).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { drawColorIcon, drawOutlineIcon } from '../manifest/icons';
import { REPO_ROOT } from './args';

const dir = path.join(REPO_ROOT, 'manifest', 'icons');
writeFileSync(path.join(dir, 'color.png'), drawColorIcon());
writeFileSync(path.join(dir, 'outline.png'), drawOutlineIcon());
console.log(`Drew ${path.relative(process.cwd(), dir)}/color.png and outline.png`);
