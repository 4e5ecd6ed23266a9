/** Bring your own data: a CSV file checked cell by cell, then replayed as one stream. */
package dev.driftwise.streams.replay;
