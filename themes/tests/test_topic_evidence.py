"""Every link between a topic and a member, with the words of the article that make it.

The article lists the Group's topics but does not say which member works on which: the seed links a member
to a topic where the account of its work on migration (the article's paragraph about it, which the seed
keeps verbatim) names the topic's subject. This table is the audit of those links: each one with the member
whose account says it and its exact words (one link, UNDESA's to migrant children, rests on UNICEF's account
of their joint work). The seed links exactly these, and each quotation is in that member's seeded account.
"""

from agencies.models import Agency
from themes.models import Topic

EVIDENCE = {
    "migration-and-the-economic-crisis": {
        "unctad": ("unctad", "impact of economic crisis on migration and remittances"),
        "unicef": ("unicef", "the impact of the global economic crisis on migration and remittances"),
    },
    "migration-data": {
        "iom": ("iom", "data collection, research and analysis"),
        "unctad": ("unctad", "collecting migration-related data"),
        "undesa": ("undesa", "compiling, analyzing and disseminating statistics on international migration"),
        "unfpa": ("unfpa", "improve migration data"),
        "unhcr": ("unhcr", "data-collection and analysis on forced migration"),
        "unicef": ("unicef", "estimating the number of migrant children"),
        "unodc": ("unodc", "data collection and research"),
        "world-bank": ("world-bank", "generating reliable data"),
        "who": ("who", "monitoring migrant health"),
    },
    "migration-and-development": {
        "iom": ("iom", "encourage social and economic development through migration"),
        "unctad": ("unctad", "make migration work for development"),
        "undesa": ("undesa", "maximizing the benefits of international migration for development"),
        "undp": ("undp", "maximize the developmental benefits of migration"),
        "unesco": ("unesco", "development nexus"),
        "unfpa": ("unfpa", "an important factor in development"),
        "unhcr": ("unhcr", "the development impact of hosting large numbers of refugees"),
        "unicef": ("unicef", "the nexus between migration, poverty and development"),
        "regional-commissions": ("regional-commissions", "the integration of this phenomenon with development goals"),
        "un-women": ("un-women", "international migration and human development"),
        "world-bank": ("world-bank", "the development impact of migration and remittances"),
    },
    "labour-migration": {
        "ilo": ("ilo", "work on labour migration"),
        "unctad": ("unctad", "the temporary movement of natural persons"),
        "undp": ("undp", "the temporary movement of labour"),
        "unesco": ("unesco", "the mobility of skilled professionals"),
        "unicef": ("unicef", "the relationship between migration and youth unemployment"),
        "regional-commissions": ("regional-commissions", "labour markets"),
        "un-women": ("un-women", "Women Migrant Workers"),
        "world-bank": ("world-bank", "strengthening the protection of migrant workers"),
        "who": ("who", "the migration of health personnel"),
    },
    "migration-and-human-rights": {
        "ilo": ("ilo", "rights-based approach to labour migration"),
        "iom": ("iom", "respect for the human rights of migrants"),
        "ohchr": ("ohchr", "the human rights of all migrants"),
        "undp": ("undp", "protecting the rights of migrants"),
        "unfpa": ("unfpa", "protection of the human rights of migrants"),
        "unicef": (
            "unicef",
            "the realization of the rights of all children, adolescents and women affected by migration",
        ),
        "unodc": ("unodc", "protect the rights of smuggled migrants"),
        "un-women": ("un-women", "international human rights standards on migration"),
    },
    "migration-and-children": {
        "unicef": ("unicef", "children affected by migration"),
        "undesa": (
            "unicef",
            "jointly with the United Nations Department of Economic and Social Affairs (UN/DESA) "
            "on estimating the number of migrant children",
        ),
    },
    "migration-and-gender": {
        "unctad": ("unctad", "gender-related migration"),
        "unesco": ("unesco", "the role of gender"),
        "unfpa": ("unfpa", "the challenges of female migration"),
        "unicef": ("unicef", "children, adolescents and women affected by migration"),
        "un-women": ("un-women", "gender-responsive migration governance"),
    },
    "migration-and-climate-change": {
        "unesco": ("unesco", "the impact of global environmental change on migration"),
        "unfpa": ("unfpa", "migration and climate change"),
        "unicef": ("unicef", "the impact of climate change and environmental degradation"),
        "un-women": ("un-women", "women's economic empowerment and climate change"),
    },
    "forced-migration": {
        "unhcr": ("unhcr", "forced migration"),
    },
    "trafficking-and-smuggling": {
        "unfpa": ("unfpa", "trafficking and smuggling"),
        "unicef": ("unicef", "the protection of children from abuse, violence and trafficking"),
        "unodc": ("unodc", "combating trafficking in persons and smuggling of migrants"),
    },
    "migration-and-health": {
        "unfpa": ("unfpa", "reproductive health services"),
        "who": ("who", "Health of migrants"),
    },
    "migration-and-governance": {
        "ilo": ("ilo", "non-binding multilateral framework on labour migration"),
        "iom": ("iom", "cooperation and coordination of efforts on international migration issues"),
        "undesa": ("undesa", "the policy debate on maximizing the benefits of international migration"),
        "undp": ("undp", "Within the international debate on migration"),
        "unhcr": ("unhcr", "contributing to the work of regional fora on migration and asylum"),
        "unitar": ("unitar", "key inter-governmental processes"),
        "regional-commissions": (
            "regional-commissions",
            "regional and subregional consultative processes focusing on migration",
        ),
        "un-women": ("un-women", "gender-responsive migration governance"),
        "world-bank": ("world-bank", "global policy coherence in the area of international migration"),
    },
    "other-issues": {},
}


def test_each_topic_link_of_the_seed_is_one_that_the_article_supports(seeded):
    accounts = dict(Agency.objects.values_list("slug", "account_en"))
    links = {
        topic.slug: {agency.slug for agency in topic.agencies.all()}
        for topic in Topic.objects.prefetch_related("agencies")
    }
    assert links == {topic: set(members) for topic, members in EVIDENCE.items()}
    unsupported = [
        (topic, member, words)
        for topic, members in EVIDENCE.items()
        for member, (whose, words) in members.items()
        if words not in accounts[whose]
    ]
    assert unsupported == []


def test_the_pages_say_what_a_link_between_a_topic_and_a_member_means(seeded, client):
    topic = client.get(Topic.objects.get(slug="migration-and-children").get_absolute_url()).content.decode()
    assert "Members whose work on migration covers this topic" in topic
    assert "working on it" not in topic
    assert 'href="/en/members/undesa/"' in topic
    member = client.get(Agency.objects.get(slug="undesa").get_absolute_url()).content.decode()
    assert "Topics its work on migration covers" in member
