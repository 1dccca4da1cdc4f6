// Entry: global styles and the shell; pages are loaded by the router when first opened.
import './app.css';
import './app-shell.js';
