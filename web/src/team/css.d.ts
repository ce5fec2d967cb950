// Stylesheets imported for their side effect: Vite extracts them into the built CSS file.
declare module '*.css';
