-- Writes everything in the write-ahead log into the warehouse file (after bulk writes).
checkpoint;
