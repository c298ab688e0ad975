"""Operations: the monthly job and its schedule, the landing sensor and the failure alerts."""
