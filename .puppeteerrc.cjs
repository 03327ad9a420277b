// Puppeteer (under Ace by DAISY, a test dependency) must never download a browser:
// the tests run Ace on Debian's chromium (PUPPETEER_EXECUTABLE_PATH, see .ci/run).
module.exports = { skipDownload: true };
