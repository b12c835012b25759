#include "seller_roster.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <string_view>

namespace sellerscore::demo {

namespace {

constexpr std::array<std::string_view, 24> first_names = {
    "Lucia", "Mateo", "Sofia", "Hugo", "Martina", "Pablo", "Valeria", "Daniel", "Julia", "Alvaro", "Paula", "Diego",
    "Carmen", "Javier", "Elena", "Marcos", "Irene", "Sergio", "Laura", "Adrian", "Marta", "Ivan", "Claudia", "Raul"};
// 23 surnames: coprime with 25, so the (first, last) pairs of the first 552 sellers are distinct.
constexpr std::array<std::string_view, 23> last_names = {
    "Garcia", "Martinez", "Lopez", "Sanchez", "Perez", "Gomez", "Martin", "Jimenez", "Ruiz", "Hernandez", "Diaz",
    "Moreno", "Munoz", "Alvarez", "Romero", "Navarro", "Torres", "Dominguez", "Vazquez", "Ramos", "Gil", "Serrano",
    "Molina"};

struct TeamStyle {
    std::string_view name;
    double visit_share;
    double deal_size_factor;
};
constexpr std::array<TeamStyle, 3> team_styles = {{
    {"Inside Sales", 0.10, 0.8},
    {"Field Sales", 0.65, 1.0},
    {"Key Accounts", 0.35, 1.9},
}};
constexpr int unassigned_team = -1;

constexpr model::Timestamp day = model::ms_per_day;

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

std::string seller_id(int index) {
    std::string digits = std::to_string(index + 1);
    return "S" + std::string(digits.size() < 3 ? 3 - digits.size() : 0, '0') + digits;
}

}  // namespace

SellerRoster::SellerRoster(const DemoOptions& options, RandomSource random) {
    const int count = options.sellers;
    const model::Timestamp start = options.start();
    const model::Timestamp span = options.end - start;

    std::vector<double> skills(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) skills[static_cast<std::size_t>(i)] = count == 1 ? 0.6 : 0.15 + 0.8 * i / (count - 1);
    for (int i = count - 1; i > 0; --i) {
        std::swap(skills[static_cast<std::size_t>(i)], skills[static_cast<std::size_t>(random.uniform_int(0, i))]);
    }

    const bool has_new_hire = count >= 6;
    for (int i = 0; i < count; ++i) {
        const auto f = static_cast<std::size_t>(i) % first_names.size();
        const auto l = (static_cast<std::size_t>(i) / first_names.size() + static_cast<std::size_t>(i)) % last_names.size();
        DemoSeller seller;
        seller.record.id = seller_id(i);
        seller.record.name = std::string(first_names[f]) + " " + std::string(last_names[l]);
        const bool name_repeats = static_cast<std::size_t>(i) >= first_names.size() * last_names.size();
        seller.record.email = lower(first_names[f]) + "." + lower(last_names[l]) +
                              (name_repeats ? std::to_string(i + 1) : std::string()) + "@demo-crm.example";
        seller.skill = skills[static_cast<std::size_t>(i)];
        seller.hired_at = start - 365 * day;
        int style = i % static_cast<int>(team_styles.size());
        if (has_new_hire && i == count - 1) {
            // Joined recently and not yet placed in a team: little data, a case for shrinkage.
            seller.hired_at = options.end - 120 * day;
            style = unassigned_team;
        }
        if (count >= 3 && style != unassigned_team) seller.record.team = std::string(team_styles[static_cast<std::size_t>(style)].name);
        team_style_.push_back(style == unassigned_team ? 0 : style);
        sellers_.push_back(std::move(seller));
    }

    const int leavers = count >= 10 ? 2 : (count >= 4 ? 1 : 0);
    std::vector<int> by_skill;
    for (int i = 0; i < count - (has_new_hire ? 1 : 0); ++i) by_skill.push_back(i);
    std::sort(by_skill.begin(), by_skill.end(), [&](int a, int b) { return at(a).skill < at(b).skill; });
    std::vector<int> leaving;
    if (leavers >= 1) leaving.push_back(by_skill.front());
    if (leavers >= 2) leaving.push_back(by_skill[by_skill.size() / 2]);

    successor_.assign(static_cast<std::size_t>(count), -1);
    for (std::size_t k = 0; k < leaving.size(); ++k) {
        DemoSeller& leaver = sellers_[static_cast<std::size_t>(leaving[k])];
        leaver.left_at = start + span * (k == 0 ? 55 : 75) / 100;
        leaver.record.active = false;
    }
    for (int leaver : leaving) {
        std::vector<int> same_team;
        std::vector<int> anyone;
        for (int i = 0; i < count; ++i) {
            const DemoSeller& candidate = at(i);
            if (candidate.left_at || candidate.hired_at > *at(leaver).left_at) continue;
            anyone.push_back(i);
            if (candidate.record.team == at(leaver).record.team) same_team.push_back(i);
        }
        const std::vector<int>& pool = same_team.empty() ? anyone : same_team;
        successor_[static_cast<std::size_t>(leaver)] =
            pool[static_cast<std::size_t>(random.uniform_int(0, static_cast<std::int64_t>(pool.size()) - 1))];
    }
}

int SellerRoster::pick_on_duty(model::Timestamp t, RandomSource& random) const {
    int on_duty = 0;
    for (const DemoSeller& seller : sellers_) on_duty += seller.on_duty_at(t) ? 1 : 0;
    auto nth = random.uniform_int(0, on_duty - 1);
    for (int i = 0; i < static_cast<int>(sellers_.size()); ++i) {
        if (at(i).on_duty_at(t) && nth-- == 0) return i;
    }
    return 0;
}

int SellerRoster::working_for(int owner, model::Timestamp t) const {
    const DemoSeller& seller = at(owner);
    if (seller.left_at && t >= *seller.left_at) return successor_[static_cast<std::size_t>(owner)];
    return owner;
}

double SellerRoster::visit_share(int index) const {
    return team_styles[static_cast<std::size_t>(team_style_[static_cast<std::size_t>(index)])].visit_share;
}

double SellerRoster::deal_size_factor(int index) const {
    return team_styles[static_cast<std::size_t>(team_style_[static_cast<std::size_t>(index)])].deal_size_factor;
}

}  // namespace sellerscore::demo
