/** Messages for the user and the locations in their files that those messages point at. */
package io.perfgate.diag;
