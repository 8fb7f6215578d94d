// Test hook: a canvas UI has no DOM to query, so the app publishes its state here each time it
// changes (view, user, last API call, on-screen rectangles of named widgets). Browser tests read
// window.accordTest.state; people can ignore it.
'use strict';
window.accordTest = { state: null, updates: 0 };
