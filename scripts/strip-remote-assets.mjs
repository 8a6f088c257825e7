// Redoc's bundle links a logo image on its vendor's CDN; the docs page must
// load nothing from another host, so that one address becomes an empty image.
import fs from 'node:fs';

const file = process.argv[2];
const remoteLogo = /https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini\.svg/g;
const html = fs
  .readFileSync(file, 'utf8')
  .replace(remoteLogo, 'data:image/gif;base64,R0lGODlhAQABAAAAACw=');
fs.writeFileSync(file, html);
