// Style sheets imported by components are bundled by Vite into the page's CSS file (no inline style: the CSP forbids it).
declare module '*.css';
