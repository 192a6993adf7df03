// Submits the sandbox's callback form at once. Served as a file so that pages work under a
// Content-Security-Policy of default-src 'self'; the form's own button works without it.
for (const form of document.querySelectorAll('form[data-auto-submit]')) form.submit()
