// The customer KPIs of KPIS.md §3.1: conversion, new customers, retention, repeat purchase,
// lifetime value, referrals.
#pragma once

#include <vector>

#include "window_tally.hpp"

namespace sellerscore::kpi {

void tally_customers(const TallyContext& context, std::vector<KpiTally>& tallies);

}  // namespace sellerscore::kpi
