// expect: stopped steps
Log(Enumerable.InfiniteSequence(0L, 1L).Contains(-1L).ToString());
