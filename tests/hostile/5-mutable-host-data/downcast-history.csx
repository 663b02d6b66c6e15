// expect: refused MP1002 casting to a more specific type
((List<DailyMetrics>)History).Clear();
