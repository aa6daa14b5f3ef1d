// The newsroom's stories, and the editors' order of the front page.
//
// One file, read two ways: article.html loads it as a classic <script>, so a
// story is in the page before it is first painted, and build-front-page.mjs
// imports it to write the static front page. A classic script cannot `export`,
// so the data is a global, the one thing both can read.
globalThis.newsroom = (() => {
  const topics = {
    tennis: 'Tennis',
    football: 'Football',
    cooking: 'Cooking',
    science: 'Science',
    politics: 'Politics',
    travel: 'Travel',
  };

  const articles = [
    {
      id: 'a01',
      topic: 'tennis',
      author: 'Jane Okafor',
      title: 'Teenager Mila Varga stuns the top seed at the Harbour Open',
      standfirst: 'The 17-year-old qualifier saved four match points before beating Elena Sorensen in three sets.',
      body: [
        'Nobody on Court Two expected to be there at nine o’clock at night. Mila Varga, a 17-year-old who came through three rounds of qualifying last weekend, had been a set and a break down against the top seed, Elena Sorensen, and twice served to stay in the match. By the end the stands were full and the ball kids had stopped pretending not to watch.',
        'Varga saved four match points in the second-set tie-break, two of them with second serves that clipped the line. “I didn’t think about it,” she said afterwards, sounding faintly surprised. “My coach says the second serve is a first serve with manners. Tonight it had no manners.”',
        'Sorensen, who won the tournament two years ago, was gracious in defeat but frank about her own game. She made 41 unforced errors, many of them on the backhand, and admitted that the swirling wind off the water had unsettled her timing. “She played the conditions better than I did,” Sorensen said. “That is the whole job on this court.”',
        'The deciding set turned on a single game at 3–3, a fourteen-minute epic in which Varga chased down three drop shots and won the point that mattered with a lob that landed on the baseline. She broke again to close it out 6–3, and sat on her chair with a towel over her head for almost a minute.',
        'Varga trains at the Westbrook club, a twenty-minute bus ride from the tournament site, and still takes that bus most mornings. Her father, who drives a delivery van, watched from the top row after finishing his shift. Her next opponent is the experienced left-hander Carla Mendes, who has not dropped a set all week.',
        'Organisers said Thursday’s night session had sold out within an hour of the result. “We had a lot of people ringing up to ask whether the teenager was playing again,” said the tournament director, Ruth Abara. “That is exactly the kind of question we like.”',
      ],
    },
    {
      id: 'a02',
      topic: 'tennis',
      author: 'Jane Okafor',
      title: 'Why the second serve has become the shot that wins matches',
      standfirst: 'Players are taking more risk on their second delivery, and the numbers suggest it is paying off.',
      body: [
        'For most of the sport’s history the second serve was an apology: a slower, spinning ball meant only to start the point. Coaches at this week’s Harbour Open say that has changed. More players now hit their second serve almost as hard as their first, accepting a few more double faults in exchange for never giving an opponent an easy ball.',
        'The logic is simple arithmetic. If a safe second serve wins you 45 per cent of points and an aggressive one wins 55 per cent, you can afford a surprising number of double faults before the risk stops paying. Several coaches we spoke to keep a running tally in a notebook during matches, and adjust the plan at changeovers.',
        '“The returners have got too good,” said Tomasz Wiśniak, who coaches two players in the main draw. “If you give them a soft kick serve at shoulder height, they step in and hit it for a winner. So you have to take some of that time away from them, even if it costs you.”',
        'The change shows up in how players practise. Sessions at the Westbrook club this summer have included a drill in which players hit only second serves for twenty minutes, scoring a point for every ball that lands within a racket’s length of the service line. The teenagers tend to win it; the veterans tend to complain about it.',
        'Not everyone is convinced. Some older coaches argue that double faults carry an emotional cost that numbers do not capture, and that a player who has just thrown away a break point with two faults plays the next game differently. There is something to that: statistics tell you what happened, not how it felt.',
        'Still, the trend looks set to continue. Mila Varga, the qualifier who knocked out the top seed on Wednesday, saved two match points with second serves hit at more than 160 km/h. Asked whether she had considered a safer option, she laughed. “There is no safe option against her,” she said.',
      ],
    },
    {
      id: 'a03',
      topic: 'tennis',
      author: 'Jane Okafor',
      title: 'Clay courts return to Westbrook Park after twenty years',
      standfirst: 'Volunteers have rebuilt three red courts, and the waiting list to play on them is already long.',
      body: [
        'The last time anybody played on clay in Westbrook Park, the courts were lined with chalk and booked with a pencil on a clipboard. After two decades under weeds and a layer of tarmac, three red courts reopened on Saturday, rebuilt almost entirely by volunteers from the park’s tennis club.',
        'The project took eighteen months and about 140 tonnes of crushed brick. Club members learned to lay the drainage layers from a retired groundsman who had looked after the original courts, and who turned up on most weekends with a spirit level and strong opinions about rolling.',
        'Clay plays slower than the hard courts most local players grew up on. The ball sits up, rallies get longer, and players slide into their shots. “It changes how you think about points,” said the club’s head coach, Dana Ferris. “You can’t just hit through the court. You have to build something.”',
        'Looking after the surface is a daily job. The courts must be brushed after every session and watered on dry days, and the lines swept clear so that they stay visible. The club has drawn up a rota of forty members, each responsible for one evening a fortnight, and says it still needs more.',
        'Demand has been strong. More than 200 people have asked to book time on the new courts, and the club has set aside two mornings a week for local schools. Junior players who train on clay, Ferris says, tend to develop better footwork and more patience, which serves them well on any surface.',
        'The first match on Saturday was a doubles game between four of the volunteers, played in front of a small crowd with sandwiches. It finished 7–5 in the third set and took almost as long as rebuilding the courts had seemed to. Nobody minded.',
      ],
    },
    {
      id: 'a04',
      topic: 'tennis',
      author: 'Inès Duarte',
      title: 'Adeyemi and Kross reach the doubles final without dropping a set',
      standfirst: 'The unseeded pair met only six months ago and have already won more matches together than apart.',
      body: [
        'Tunde Adeyemi and Jonas Kross were put together almost by accident last winter, when both of their regular partners were injured in the same week. On Friday the unseeded pair reached the final of the Harbour Open doubles without losing a set, beating the second seeds 6–4, 7–5 in a little over an hour.',
        'Their styles are almost opposites. Adeyemi is a big server who likes to stay back and hit heavy forehands; Kross is a volleyer with quick hands who seems happiest two metres from the net. Together, they say, they cover each other’s weaknesses. “He hits the ball so hard that people just pop it up to me,” Kross said. “I have the easy job.”',
        'The semi-final turned on a few points at the net. Serving at 5–5 in the second set, Adeyemi fell behind 15–40, before Kross intercepted two returns in a row and finished both with angled volleys. The second seeds, who won this title two years ago, did not win another point on serve.',
        'Doubles specialists often talk about communication, and these two do a lot of it. Between every point they meet in the middle of the court, heads close together, and agree a plan. Kross said they had started using hand signals behind the back only a month ago, after watching old footage of champions doing the same.',
        'Their opponents in Sunday’s final are the top seeds, who have not been broken all week. Adeyemi was not worried. “Nobody expected us to be here, including us,” he said. “So we will enjoy it, and try to make them play one more ball than they want to.”',
      ],
    },
    {
      id: 'a05',
      topic: 'tennis',
      author: 'Inès Duarte',
      title: 'The coach teaching tennis to beginners over seventy',
      standfirst: 'Every Tuesday morning, Gloria Pettersen’s class fills two courts with players who picked up a racket late.',
      body: [
        'At half past nine on a Tuesday, the courts at Seaview Road are busier than they are on a Saturday. Fourteen players, the youngest 71 and the oldest 88, are warming up with foam balls and short rackets, while their coach, Gloria Pettersen, moves between them with a basket and a whistle she has never once blown.',
        'Pettersen started the class six years ago, after her own mother asked to learn. The idea was to make the game gentle enough for people who had never played, without turning it into something else. The balls are slower and bounce lower, the court is shorter, and the scoring is relaxed: the first pair to enjoy themselves wins.',
        'Most of the players had never held a racket until their seventies. Bernard Kaye, who is 84, took up the game after a hip operation, on the advice of a physiotherapist who thought it would help his balance. “She was right,” he said. “I walk better, I sleep better, and I have beaten my son-in-law twice.”',
        'There is plenty of research suggesting that racket sports are good for older people, improving balance, reaction time and mood. Pettersen is more interested in what happens after the lesson. The group stays for coffee at the clubhouse every week, and several members now meet on other days as well.',
        'The class has a waiting list, and Pettersen is training two volunteers so that she can open a second session on Thursdays. Anyone interested can turn up and watch first, she says. “Most people come to watch once,” she said. “Then they come back with trainers on.”',
      ],
    },
    {
      id: 'a06',
      topic: 'football',
      author: 'Tom Hallett',
      title: 'Harbourside Athletic snatch a late winner to stay top',
      standfirst: 'A header in the 93rd minute kept Athletic two points clear after a tense afternoon at Quayside.',
      body: [
        'For ninety minutes it looked as though Harbourside Athletic’s lead at the top of the table would shrink. Then, three minutes into stoppage time, the centre-back Danny Oduya rose above two defenders at the far post and headed in a corner from Leo Brandt. Quayside Stadium, which had been muttering all afternoon, made a noise that could be heard on the ferry.',
        'The 2–1 win over Millbrook Rovers keeps Athletic two points clear with nine games left. It was not pretty. Rovers took the lead after twenty minutes when a clearance struck a defender’s back and fell to their striker, and for long spells Athletic passed the ball sideways in front of a well-organised defence.',
        'The equaliser came just after the hour, when the substitute winger Sami Rahimi ran at his full-back, cut inside and bent a shot into the far corner. It was Rahimi’s first goal since returning from a knee injury in January, and his celebration, a long sprint to apologise to the away end for a gesture he made last season, drew laughter from both sets of supporters.',
        'Athletic’s manager, Karen Moss, admitted that her side had been fortunate. “We weren’t good enough for long periods, and I’ve told them that,” she said. “But at this stage of the season you win the games you don’t deserve to win, and you worry about the performance on Monday.”',
        'The Rovers manager was less philosophical, complaining that the corner should have been a goal kick. Replays suggested he had a point. Athletic travel to Eastcliff next Saturday, while Rovers, now six points from safety, host the league’s other struggling side in what both clubs are already calling a cup final.',
      ],
    },
    {
      id: 'a07',
      topic: 'football',
      author: 'Tom Hallett',
      title: 'Inside the academy: how Athletic find players at fourteen',
      standfirst: 'Scouts, school coaches and a lot of cold Sunday mornings: how the club’s youth system really works.',
      body: [
        'On a Sunday in November, Harbourside Athletic’s head of recruitment, Femi Lawal, has watched four matches before lunch. He stands slightly apart from the parents on the touchline, hands in pockets, and makes notes on his phone only after the final whistle. “If you write things down during the game, people notice,” he says. “And then everyone’s child plays differently.”',
        'The club’s academy has 112 players between the ages of nine and eighteen. Most arrive at fourteen, after two or three years in which scouts have watched them play for school and Sunday league teams. Lawal says the most important quality is not speed or skill but what he calls “the second action”: what a player does in the moment after a mistake.',
        'The academy is not only about producing professionals. Of every hundred players who join, perhaps two will play a first-team game for the club. The rest need an education and a future, so the academy employs two full-time tutors and a welfare officer. Players released at sixteen are helped to find places at colleges or other clubs.',
        'Parents are a large part of the job. Lawal runs an evening session every autumn for new families, where he explains how rarely things go to plan. “I tell them: your child will be dropped, injured, and told they are not good enough, probably all in one season,” he says. “The ones who come through are the ones whose families stay calm.”',
        'The system has produced four current first-team players, including the captain, and several more who play elsewhere. The club is now building an indoor pitch at its training ground, so that the youngest age groups can train through the winter. Lawal’s Sunday mornings, he admits, will stay cold for a while yet.',
      ],
    },
    {
      id: 'a08',
      topic: 'football',
      author: 'Tom Hallett',
      title: 'Groundsman’s diary: keeping a pitch alive through a wet winter',
      standfirst: 'Quayside’s head groundsman on drainage, grass seed and the one week he did not sleep.',
      body: [
        'Ray Albright has looked after the pitch at Quayside Stadium for nineteen years, and he says this winter has been the hardest. It rained on 58 of the 90 days between December and February, and on one Saturday in January the pitch took on more water in three hours than it usually gets in a fortnight.',
        'What supporters see on match day is a few centimetres of grass. What matters, Albright says, is underneath: sand, gravel and a network of pipes laid in rows five metres apart. When the system works, water drops through the surface in minutes. When it does not, the ball stops dead in puddles and the referee starts looking at the sky.',
        'The bad week came in late January, with a home game on the Saturday and a cup replay on the Tuesday. Albright and his two colleagues forked the whole pitch by hand to open up the surface, and ran the grow lights through the night on the worst areas near the tunnel. “I slept in the office twice,” he said. “My wife assumed I had left her for the grass.”',
        'Both games went ahead. By the final whistle of the cup replay the pitch looked, in Albright’s words, like a ploughed field, but it drained, and the following Saturday it looked green again on television. He describes that recovery as the most satisfying moment of his career.',
        'He will re-seed the goalmouths and the centre circle in May, once the season ends, and has already ordered the sand. Asked what he would change, he mentions the guttering on the main stand roof, which drips onto the same spot near the halfway line. “Every groundsman has one patch that hates him,” he said.',
      ],
    },
    {
      id: 'a09',
      topic: 'football',
      author: 'Inès Duarte',
      title: 'Women’s side sell out Quayside Stadium for the first time',
      standfirst: 'More than 9,000 fans watched Harbourside Athletic Women beat the league leaders 3–0.',
      body: [
        'The queue for the turnstiles stretched past the fish market an hour before kick-off. For the first time in its history, Harbourside Athletic Women played in front of a full Quayside Stadium on Sunday, and rewarded the 9,200 supporters with a 3–0 win over the league leaders, Northgate City.',
        'The team usually plays at the club’s training ground, where the record attendance is 1,400. The move to the main stadium was meant to be a one-off, but tickets sold out in four days, and the club has already said it will move two more matches this season. Many in the crowd were girls’ teams from local clubs, wearing their own kits.',
        'The football matched the occasion. Athletic’s captain, Rosa Lindqvist, opened the scoring after twelve minutes with a low shot from the edge of the area, and the striker Aisha Bello added two more either side of half-time, the second a clever flick at the near post from a corner. Northgate, unbeaten until Sunday, barely had a shot on target.',
        'Lindqvist, who has played for the club for eleven years, including several seasons when the team trained on a school pitch, said she had found it hard to focus during the warm-up. “I kept looking up at the stands,” she said. “I remember when we had forty people and a dog. I wish the dog could have seen this.”',
        'The result lifts Athletic to third, three points behind Northgate with a game in hand. Tickets for the next match at Quayside, against Redbank in April, go on sale on Monday. Season-ticket holders for the men’s team will get first choice of seats, and under-16s will again be admitted free.',
      ],
    },
    {
      id: 'a10',
      topic: 'football',
      author: 'Tom Hallett',
      title: 'Five-a-side league doubles in size as lunchtime games catch on',
      standfirst: 'Office workers, shift workers and at least one dentist are playing short games on their breaks.',
      body: [
        'At a quarter past twelve on a weekday, the three small pitches behind the leisure centre are full. Teams of five, in a mix of proper kit and office shirts with the sleeves rolled up, play twenty-minute games, shower in ten minutes and are back at their desks by one. The city’s lunchtime five-a-side league has grown from 18 teams to 37 in a year.',
        'The league’s organiser, Marcus Bell, puts the growth down to changing working habits. More people work from home for part of the week, he says, and want a reason to see colleagues on the days they come in. “People tell me it’s the only time they talk to the finance department without an argument,” he said.',
        'The games are short and the rules are strict: no slide tackles, no shooting from inside the goalkeeper’s area, and a sin bin for anyone who argues with the referee. Bell says injuries are rare and most players are back the next week. Mixed teams are encouraged, and a third of the players are now women.',
        'Not everyone is an office worker. One team is made up of nurses from the hospital’s night shift, who play at the end of their working day rather than the middle. Another includes a dentist who, according to his teammates, has never once passed the ball. He disputes this.',
        'The leisure centre plans to floodlight a fourth pitch so that an early-evening league can start in the autumn. For now, the lunchtime waiting list has eleven teams on it. Bell suggests that anyone who wants to play should sign up as an individual, and he will find them a team. “There is always someone who has pulled a hamstring,” he said.',
      ],
    },
    {
      id: 'a11',
      topic: 'cooking',
      author: 'Luis Ortega',
      title: 'The weeknight tomato sauce that needs one pan and twenty minutes',
      standfirst: 'Butter, an onion cut in half and a good tin of tomatoes: a simple sauce worth learning by heart.',
      body: [
        'Every cook needs one recipe they can make without thinking, on a Tuesday, with nothing in the fridge. Mine is a tomato sauce that takes twenty minutes and needs only four ingredients, three of which keep for months in a cupboard. It is based on a very old Italian method, and it is better than it has any right to be.',
        'Put a 400g tin of whole plum tomatoes in a wide pan with 50g of butter, an onion peeled and cut in half, and a good pinch of salt. Bring it to a gentle simmer and leave it, pressing the tomatoes against the side of the pan with a wooden spoon every few minutes as they soften. That is almost the whole recipe.',
        'The onion gives the sauce sweetness without any chopping; you take it out at the end and eat it on toast, or give it to whoever is hovering in the kitchen. The butter rounds off the sharpness of the tomatoes and gives the sauce a glossy body that olive oil does not quite manage. Do not be tempted to add garlic. It is a different sauce.',
        'The quality of the tin matters more than anything else. Whole tomatoes are usually better than chopped, because the best fruit tends to go into them. If the sauce tastes thin after twenty minutes, let it bubble for another five and taste it again for salt. A teaspoon of sugar can rescue a disappointing tin, but it should be a last resort.',
        'Serve it with a short pasta that holds the sauce, such as rigatoni, and keep back a mug of the cooking water to loosen it at the end. A little grated hard cheese on top is traditional. The sauce doubles easily and freezes well, so make twice as much when you can and put half away for the next Tuesday.',
      ],
    },
    {
      id: 'a12',
      topic: 'cooking',
      author: 'Luis Ortega',
      title: 'Bread without a mixer: a beginner’s guide to slow dough',
      standfirst: 'Time does the kneading for you. All you need is a bowl, a tea towel and a little patience.',
      body: [
        'The most common reason people give for not baking bread is the kneading: ten minutes of hard work, flour everywhere, and a loaf that still comes out like a brick. The good news is that you can skip almost all of it. Given enough time, a wet dough develops its own structure, and the yeast does most of the work while you sleep.',
        'Mix 500g of strong white flour with 8g of salt and a quarter of a teaspoon of dried yeast. Add 375g of lukewarm water and stir with a spoon until there is no dry flour left. It will look like a shaggy, sticky mess, and that is exactly right. Cover the bowl with a tea towel and leave it on the counter overnight, for twelve to eighteen hours.',
        'By morning the dough will have risen, spread and be covered in bubbles. Tip it onto a floured counter and fold it over itself a few times, like a letter, to build a little tension on the surface. Then let it rest, seam side down, on a floured cloth for an hour or two while the oven heats.',
        'The secret of a good crust is steam, and the easiest way to get it at home is a heavy lidded pot. Heat the pot in the oven at 240°C for half an hour, drop the dough in, put the lid on and bake for 30 minutes. Then take the lid off and bake for another 15 to 20, until the loaf is a deep brown and sounds hollow when tapped.',
        'Let it cool for at least an hour before cutting, which is the hardest instruction in this article. Once you have made the basic loaf a few times, try replacing a fifth of the flour with wholemeal or rye, or folding in a handful of seeds. The method stays the same; only the flavour changes.',
      ],
    },
    {
      id: 'a13',
      topic: 'cooking',
      author: 'Luis Ortega',
      title: 'What to cook when the market is full of courgettes',
      standfirst: 'Fritters, a slow-cooked pasta sauce and a salad that needs no cooking at all.',
      body: [
        'Late summer brings a glut of courgettes, and anyone with a garden or a generous neighbour will know the feeling of finding three more on the doorstep. They are cheap, mild and endlessly useful, but they are also mostly water, which means they reward a little thought. Here are three ways to make them the best part of the meal.',
        'First, fritters. Coarsely grate two courgettes, toss them with a teaspoon of salt and leave them in a sieve for twenty minutes, then squeeze out as much liquid as you can in a clean tea towel. Mix with an egg, three tablespoons of flour, a handful of crumbled feta and some chopped mint, and fry spoonfuls in a little oil until golden on both sides.',
        'Second, a sauce that takes time but almost no effort. Slice four courgettes thinly and cook them in a wide pan with plenty of olive oil, a sliced garlic clove and a pinch of chilli over a low heat for forty minutes, stirring now and then, until they collapse into a soft, sweet mess. Stir it through pasta with grated cheese and a little of the pasta water.',
        'Third, a raw salad, for the smallest and firmest courgettes only. Shave them into ribbons with a vegetable peeler, dress them with lemon juice, olive oil and salt, and leave them for ten minutes to soften slightly. Scatter over toasted almonds and torn basil just before serving. It is surprisingly good next to grilled fish.',
        'Whichever you choose, avoid the giant ones that have been left too long on the plant. They are watery and full of seeds, and are better grated into soup or a cake. If you are given one anyway, accept it graciously, and put it on somebody else’s doorstep.',
      ],
    },
    {
      id: 'a14',
      topic: 'cooking',
      author: 'Hana Sato',
      title: 'The case for cooking rice in a pan, not a machine',
      standfirst: 'A rice cooker is convenient, but a heavy pan and a tight lid give you more control and a better crust.',
      body: [
        'I grew up in a house where the rice cooker was switched on before anyone took their coat off, and I still think it is one of the great kitchen inventions. But when I moved into a flat with no room for one, I had to learn to cook rice in a pan, and I discovered that it is easy, quick and in some ways better.',
        'I use the absorption method. Rinse 300g of short or medium grain rice in cold water three or four times, until the water runs almost clear, and drain it well. Put it in a heavy pan with 360ml of water, bring it to the boil, then turn the heat as low as it will go, cover with a tight lid and leave it for twelve minutes.',
        'Do not lift the lid. This is the only rule that really matters, because the steam trapped inside is doing the cooking. After twelve minutes, take the pan off the heat and let it stand, still covered, for another ten. Then fluff the rice gently with a paddle or a fork, lifting it from the bottom rather than stirring.',
        'The great advantage of a pan is the crust. If you leave it on a medium heat for two or three extra minutes at the end, a golden, crisp layer forms on the bottom. Many cuisines prize this layer, and in my family people fought over it. A rice cooker, designed to avoid exactly this, will never give it to you.',
        'Different rice needs different amounts of water, so treat these numbers as a starting point and adjust them once you know your pan and your favourite rice. Write the amounts on a piece of tape stuck to the rice jar. It is the least glamorous cooking tip I know, and the one I use most often.',
      ],
    },
    {
      id: 'a15',
      topic: 'cooking',
      author: 'Hana Sato',
      title: 'Pickling at home: quick jars for crunchy vegetables',
      standfirst: 'A warm brine of vinegar, water, sugar and salt turns radishes, carrots and cucumbers into pickles by dinner.',
      body: [
        'Quick pickles are the easiest way to make a plain meal more interesting. Unlike fermented pickles, which take days or weeks, they are ready in an hour and keep in the fridge for a fortnight. They add crunch and sharpness to rice bowls, sandwiches, grilled meat and almost anything fried.',
        'The basic brine is equal parts vinegar and water, with a tablespoon of sugar and two teaspoons of salt for every 250ml of liquid. Rice vinegar gives a gentle, rounded flavour; cider vinegar is fruitier; white wine vinegar is sharper. Warm the brine until the sugar and salt dissolve, then let it cool for a few minutes.',
        'Slice your vegetables thinly and pack them into a clean jar. Radishes turn a lovely pink after a few hours. Carrots and daikon cut into matchsticks keep their crunch for days. Cucumbers are best halved lengthways, with the seeds scraped out so they do not go soft. Red onion, sliced into thin rings, is ready in twenty minutes.',
        'Pour the warm brine over the vegetables until they are covered, then add flavourings: a few peppercorns, a slice of ginger, a dried chilli, a strip of lemon peel or some dill. Seal the jar and let it cool to room temperature before putting it in the fridge. The flavour improves for the first day or two.',
        'Once you have the basic ratio, you can experiment freely. Try a little soy sauce in the brine for carrots, or fennel seeds for cucumbers. Because the pickles are kept cold and eaten quickly, there is no need for the careful sterilising that long-term preserving requires. Just use a clean jar, and a clean fork to take them out.',
      ],
    },
    {
      id: 'a16',
      topic: 'science',
      author: 'Priya Raman',
      title: 'Volunteers count 4,000 moths in one night at the old quarry',
      standfirst: 'A light trap, a white sheet and forty patient people: the quarry’s first moth survey finds 163 species.',
      body: [
        'At ten o’clock on a warm Friday night, forty people stood around a white sheet in the old Hollins quarry, watching it slowly fill with moths. By dawn the volunteers had counted more than 4,000 moths of 163 species, the largest single-night survey ever recorded in the area.',
        'The survey was organised by the local natural history society, which has studied the quarry since it closed in 2009. Moths are good indicators of the health of a habitat, explains the society’s chair, Dr Helen Marsh, because they depend on particular plants at every stage of their lives. “If the moths are doing well, a lot of other things are too,” she said.',
        'The traps work by drawing moths towards a bright lamp, after which they settle harmlessly in egg boxes placed underneath. Volunteers identify and count them, with field guides and a good deal of debate, before releasing them the next morning into nearby shrubs, where birds are less likely to find them.',
        'Among the highlights was a hawk-moth not recorded in the county for more than thirty years, along with several moths that depend on the wild thyme and marjoram that have colonised the quarry floor. Dr Marsh said the results showed how quickly abandoned industrial land can become valuable for wildlife if it is left alone.',
        'The records will be added to a national scheme that tracks how insect populations are changing. Across the country many moth species have declined sharply since the 1970s, and surveys like this help scientists understand where and why. The society plans to repeat the count every summer for at least the next five years.',
        'Several volunteers were attending their first survey. Eleven-year-old Noah Pereira, who stayed until two in the morning with his mother, said the best part was seeing a moth the size of his hand. “It was like a tiny bird,” he said. “But furry.”',
      ],
    },
    {
      id: 'a17',
      topic: 'science',
      author: 'Priya Raman',
      title: 'Tidal turbine trial in the estuary passes its first winter',
      standfirst: 'A single turbine on the estuary floor has generated power through the storms, with no harm found to fish.',
      body: [
        'A year ago, engineers lowered a turbine the size of a bus onto the floor of the estuary, about a kilometre from the harbour wall. This week the team behind the trial published its first results, and they are encouraging: the machine has run for eleven months, survived the winter storms and produced more electricity than predicted.',
        'Tidal power has one big advantage over wind and sunshine: it is predictable years in advance. The tides rise and fall twice a day on a timetable set by the moon, so the output of a turbine can be planned to the hour. The challenge has always been building machines tough enough to survive in fast, salty, murky water.',
        'The trial turbine generated an average of 180 kilowatts over the year, enough for roughly 150 homes, with peaks during the fast spring tides. It was taken out of the water only once, for three days in March, to replace a faulty sensor. The lead engineer, Dr Olu Bakare, said this reliability was the most important result.',
        'The team also studied the effect on marine life, using underwater cameras and sonar to watch how fish behaved near the blades. They found that most fish avoided the turbine, and recorded no collisions. The researchers cautioned that one machine is very different from a large array, and that seals and porpoises need more study.',
        'The next stage would be a group of ten turbines, which would need planning permission and several years of further monitoring. Dr Bakare said the estuary’s strong currents made it one of the best sites in the region. “It is a very old idea,” she said. “People have used tide mills here for centuries. We are just doing it underwater.”',
      ],
    },
    {
      id: 'a18',
      topic: 'science',
      author: 'Priya Raman',
      title: 'School astronomy club photographs a supernova: “a dot that wasn’t there last week”',
      standfirst: 'Pupils at Harbourside Academy spotted an exploding star in a galaxy 30 million light years away.',
      body: [
        'When Zara Khan compared two photographs of the same galaxy taken a week apart, she thought she had found a speck of dust on the telescope. The speck was in fact an exploding star, and on Tuesday the astronomy club at Harbourside Academy learned that their observation had been confirmed by professional astronomers.',
        'A supernova is the explosion of a massive star at the end of its life, and for a few weeks it can shine as brightly as billions of ordinary stars. This one happened in a galaxy about 30 million light years away, which means the light the pupils captured left the star long before there were any humans on Earth to see it.',
        'The club uses a telescope donated by a local amateur astronomer and mounted on the roof of the science block. Every clear Thursday, members take long-exposure images of the same set of galaxies and compare them with earlier pictures. They have been doing this for three years, and until now had found nothing but satellites and aeroplanes.',
        'The physics teacher who runs the club, Daniel Osei, says the discovery was down to persistence rather than luck. “Finding something like this is about looking at the same thing over and over again and noticing when it changes,” he said. “That is what a lot of science actually is. It is not always exciting, but then suddenly it is.”',
        'Professional astronomers have since studied the supernova with larger telescopes to measure its light, which reveals what kind of star exploded. The pupils will be credited in the official report. Zara, who is fifteen, now wants to study astrophysics. “Or at least clean the lens more carefully,” she said.',
      ],
    },
    {
      id: 'a19',
      topic: 'science',
      author: 'Priya Raman',
      title: 'Seagrass planted three years ago is now storing carbon, survey finds',
      standfirst: 'Divers found that the restored meadow in Linden Bay has spread by a third and is home to young fish and seahorses.',
      body: [
        'Three years ago, volunteers planted more than 200,000 seagrass seeds in the sheltered waters of Linden Bay, sewn by hand into hessian bags and dropped from small boats. A new survey by marine scientists has found that the meadow has not only survived but spread by about a third, and is already storing carbon in the seabed.',
        'Seagrass is a flowering plant that grows in shallow coastal water, and it was once common around much of the coast. Pollution, disease and damage from boat anchors destroyed most of it during the last century. Its loss matters, because seagrass meadows shelter young fish, calm waves and lock away carbon in the mud beneath them.',
        'The survey team, led by Dr Ama Boateng of the regional marine institute, took sediment cores from inside and outside the restored area. They found that the seabed under the new meadow held significantly more organic carbon than the bare sand nearby. “It is early days, but the direction is very clear,” she said.',
        'Divers also recorded a rich variety of wildlife, including juvenile pollock, crabs, cuttlefish eggs and two short-snouted seahorses, a species not seen in the bay for decades. Local fishermen, some of whom were sceptical about the project at first, now help by using mooring buoys instead of dropping anchor in the area.',
        'The restoration group plans to plant another two hectares next year, and is looking for volunteers to help prepare seed bags over the winter. Dr Boateng stressed that restoration is slow work. “Nature does the growing,” she said. “Our job is to give it a chance and then keep out of its way.”',
      ],
    },
    {
      id: 'a20',
      topic: 'science',
      author: 'Kwame Asante',
      title: 'How the city’s flood model learned from one very wet weekend',
      standfirst: 'Sensors in drains and thousands of residents’ photos have made the city’s flood forecasts sharper.',
      body: [
        'Two years ago, a slow-moving storm dropped a month’s rain on the city in a single weekend. Streets in the lower town flooded, the ring road closed and hundreds of homes were damaged. The city’s flood forecast had predicted trouble, but in the wrong places. Since then, engineers have rebuilt the model behind those forecasts, and they say it is now much better.',
        'A flood model is a computer simulation of how water moves across a landscape: where rain falls, how much soaks into the ground, and which way the rest flows through drains, rivers and streets. The old model relied on maps of the drainage network that were, in places, more than forty years old. Some of the pipes it included no longer existed.',
        'The new model is built on fresh surveys, and it is checked against real measurements from 120 sensors installed in drains and culverts across the city. The sensors report water levels every five minutes. When the model and the sensors disagree, engineers can see where the map is wrong, or where a drain is blocked.',
        'Residents helped too. After the storm, the council asked people to send in photographs of flooding with the time and place they were taken. More than 3,000 pictures arrived, and each one became a data point for testing the model. “People showed us exactly where the water went,” said the council’s flood engineer, Dr Sofia Lind. “The photos were worth more than any survey.”',
        'In a test last winter, the new model correctly predicted flooding in eleven of the twelve streets that were affected. The council now plans to publish its forecasts street by street on its website during heavy rain. Dr Lind says the model will keep improving with every storm. “Which is not a thing I ever expected to be grateful for,” she said.',
      ],
    },
    {
      id: 'a21',
      topic: 'politics',
      author: 'Marta Novak',
      title: 'Harbour front to go car-free on Sundays after council vote',
      standfirst: 'From May the waterfront road will close to traffic every Sunday, in a trial that divided the chamber.',
      body: [
        'The road along the harbour front will close to cars every Sunday from May, after the city council voted by 31 to 27 on Wednesday night to approve a six-month trial. For eight hours each week, the stretch between the ferry terminal and the lifeboat station will be given over to pedestrians, cyclists, market stalls and, supporters hope, a good deal of sitting around.',
        'The debate lasted almost three hours. Supporters argued that the waterfront is the city’s best public space and is wasted on traffic. Councillor Leila Haddad, who proposed the scheme, said similar closures in other coastal towns had brought more visitors and more trade. “People do not go to the seaside to look at bumpers,” she said.',
        'Opponents raised concerns about access for disabled residents and deliveries, and about traffic being pushed onto the residential streets behind the harbour. Several restaurant owners had written to the council in support, but the harbour’s fishing co-operative said early-morning access for its vans must be protected. The final plan allows vehicles until ten o’clock.',
        'Throughout the trial the council will count pedestrians and cyclists with sensors, survey businesses and monitor traffic on nearby streets. Blue-badge holders will keep access to the two car parks at either end, and a free shuttle bus will run from the railway station. A decision on whether to make the change permanent is expected in December.',
        'Residents who spoke to the Courier were mostly positive, if cautious. “I will believe it when I see it,” said a retired ferry worker, watching the traffic from a bench on Thursday morning. “But if it happens, I will be here with a flask of tea and a newspaper. A paper one.”',
        'The first car-free Sunday is planned for the fourth of May, to coincide with the start of the harbour festival. The council says it will publish a map of the closures, the shuttle timetable and the temporary parking arrangements a month before.',
      ],
    },
    {
      id: 'a22',
      topic: 'politics',
      author: 'Marta Novak',
      title: 'Bus fares frozen for another year as the budget gap narrows',
      standfirst: 'A single fare stays at £1.80 after higher-than-expected passenger numbers eased pressure on the transport budget.',
      body: [
        'Bus fares across the city will stay frozen for a second year, the council confirmed on Monday, after passenger numbers rose faster than expected and the gap in the transport budget narrowed. A single journey will continue to cost £1.80, and a weekly ticket £14, until at least next April.',
        'The decision was not certain. In the autumn, officers warned that fares might need to rise by as much as 20 pence to cover higher fuel and wage costs. Since then passenger numbers have climbed by eight per cent, helped by two new routes to the hospital and the business park, and the extra income has closed most of the shortfall.',
        'The council’s transport lead, Councillor Dev Sharma, said the freeze was good for households and for the network. “Every time fares go up, some people stop taking the bus, and they rarely come back,” he said. “Keeping the price steady is the best way to keep buses full, and full buses are cheaper to run per passenger.”',
        'Opposition councillors welcomed the freeze but asked how it would be paid for in future years, pointing out that the council is also drawing on a one-off government grant that ends next year. “This is a sensible decision for now,” said Councillor Anne Hughes. “But we are kicking a very large can down a very short road.”',
        'The council has also promised to improve reliability, after complaints about cancelled evening services. Bus operators will have to publish monthly punctuality figures for every route, and the council says it will consider moving contracts if performance does not improve. The figures will appear on the council’s website from June.',
      ],
    },
    {
      id: 'a23',
      topic: 'politics',
      author: 'Marta Novak',
      title: 'Youth council wins the right to question the mayor twice a year',
      standfirst: 'Members aged 13 to 18 will put their questions to the mayor in public sessions, starting in the autumn.',
      body: [
        'The city’s youth council, a group of 32 elected members aged between 13 and 18, will be able to question the mayor in public twice a year, after a change to the council’s rules was approved unanimously on Tuesday. The first session is expected in October, in the main council chamber.',
        'The youth council has existed for more than a decade, but its role has mostly been advisory, giving views on plans when asked. Its members have long argued that they need a way to raise issues themselves. Their campaign, which included a petition signed by more than 4,000 pupils, focused on bus routes, youth centres and the cost of sports facilities.',
        '“We didn’t want a special meeting where people are nice to us and then nothing happens,” said the youth mayor, 16-year-old Imani Clarke. “We wanted a proper session, in public, with answers on the record. If adults get to do that, so should we. We are the ones who will live with these decisions longest.”',
        'The mayor said she welcomed the change and expected some difficult questions. Under the new rules, the youth council will submit up to ten questions two weeks before each session, and members will be able to ask a follow-up question on the day. The sessions will be streamed, and the answers published in the council’s minutes.',
        'Elections to the youth council take place in schools and colleges every two years, and the next round is in November. Clarke hopes the new powers will bring more candidates forward. “When people see that it actually gets answers,” she said, “they will want to be the one asking.”',
      ],
    },
    {
      id: 'a24',
      topic: 'politics',
      author: 'Kwame Asante',
      title: 'What the new planning rules mean for your loft conversion',
      standfirst: 'Simpler permission for small extensions, tighter rules in conservation areas: a guide to the changes.',
      body: [
        'New planning rules that take effect next month will make it easier for many homeowners to convert a loft or build a small rear extension without applying for full planning permission. But the changes also bring tighter controls in the city’s eleven conservation areas, and the council is urging residents to check before they start work.',
        'Under the new rules, most loft conversions that do not raise the roof line or add windows facing the street will count as permitted development. Homeowners will only need to notify the council and wait 28 days for any objections, rather than submit a full application, which can take eight weeks or more and costs several hundred pounds.',
        'Small single-storey rear extensions will also be easier, provided they reach no more than four metres from the back of a detached house, or three metres for other homes. Neighbours will still be consulted, and can object if they believe an extension would block their light or overlook their gardens.',
        'In conservation areas, however, the council has introduced extra protection for roofs, windows and front gardens. Replacing timber windows with plastic ones, for example, will now need permission in those streets. Councillor Ruth Adeleke, who leads on planning, said the aim was to protect the character of the older parts of the city while making life easier elsewhere.',
        'Building regulations, which cover safety matters such as fire escapes, insulation and structure, are separate and still apply to every loft conversion. The council has published a short guide and a postcode checker on its website, and planning officers will hold drop-in sessions at the central library on the first Saturday of each month.',
      ],
    },
    {
      id: 'a25',
      topic: 'politics',
      author: 'Kwame Asante',
      title: 'Ward boundaries redrawn: check which councillor is yours now',
      standfirst: 'The city will have 54 councillors in 18 wards from next May, after an independent review of population changes.',
      body: [
        'The map of the city’s electoral wards is changing for the first time in twenty years. From the local elections next May, the city will be divided into 18 wards, each represented by three councillors, replacing the current 20 wards of varying sizes. The total number of councillors will fall from 58 to 54.',
        'The changes follow an independent review, which found that some wards had grown much faster than others. The ward covering the new housing by the business park now has almost twice as many voters as the smallest ward in the old town, so a vote there counted for about half as much. The new boundaries give each councillor roughly the same number of constituents.',
        'Several familiar names will disappear. Eastgate and St Mary’s will merge into a single ward called Old Town, while the fast-growing Westbrook area will be split in two. The review team held two rounds of public consultation and received more than 600 responses, many of them about exactly which streets and rivers the lines should follow.',
        'Not everyone is happy. Residents of Cliff Road, which will move from a coastal ward to an inland one, said their concerns about erosion and parking would now be handled by councillors from a different area. The review team said it had tried to keep communities together, but that some compromises were unavoidable.',
        'Current councillors will continue to represent their existing wards until the election. Residents can check which new ward they will be in by entering their postcode on the council’s website, and the polling cards sent out next spring will show the new ward names. Anyone not yet registered to vote has until April to do so.',
      ],
    },
    {
      id: 'a26',
      topic: 'travel',
      author: 'Sam Whitlock',
      title: 'Slow train north: a week on the coast line',
      standfirst: 'Seven days, eleven stations and one very good pie on the railway that hugs the northern coast.',
      body: [
        'The coast line is not the fastest way north. The express trains take the inland route and do the journey in four hours; the stopping service along the coast takes most of a day, and that is if you do not get off. I got off eleven times, and it took me a week. I would recommend doing it the same way.',
        'The first day ends at Saltmarsh, a village built around a harbour so small that the fishing boats tie up three deep. The guesthouse by the station has six rooms and a landlady who serves breakfast at whatever time you want, provided that time is eight o’clock. From the window you can watch the tide fill the harbour in about twenty minutes.',
        'Further north the line runs along the top of the cliffs, close enough to the edge that the conductor makes a point of telling passengers not to worry. At Redcove I walked the coastal path to the next station: four hours over headlands and down into a bay where seals lay on the rocks like sunbathers who had given up.',
        'The best meal of the week was at a bakery in Kelby, in a converted signal box beside the platform, where a woman called Joan makes eight pies a day and stops when they run out. I had the last one at half past eleven. It was steak and ale, and I thought about it for the rest of the journey.',
        'The line has been threatened with closure several times, and the campaign group that saved it more than once now runs volunteer guides on summer weekends. A rover ticket covering the whole route for seven days costs less than a single express fare. You will not get anywhere quickly. That, it turns out, is the point.',
      ],
    },
    {
      id: 'a27',
      topic: 'travel',
      author: 'Sam Whitlock',
      title: 'Three islands you can reach by ferry before lunch',
      standfirst: 'Puffins, a lighthouse café and the quietest beach on the coast, all within two hours of the harbour.',
      body: [
        'From the ferry terminal at the end of the harbour, three islands are close enough for a day trip, and each has its own character. The first boats leave at eight and the last return at six, and the only real planning you need is to check the forecast the night before, because in a strong westerly the crossings stop.',
        'Gull Island is the closest, forty minutes away, and in early summer it is home to several thousand puffins. A marked path leads to the clifftop, where the birds nest in burrows and come and go with beaks full of fish, apparently indifferent to the people watching them. Wardens ask visitors to stay on the path, because the burrows collapse easily.',
        'Longholm, an hour and a quarter away, has a lighthouse that still works and a café in the old keepers’ cottages that serves what it describes, with some justification, as the best scones on the coast. You can climb the tower at weekends. Walk the island’s loop in the afternoon and you will meet more sheep than people.',
        'The furthest is Morra, almost two hours out, with a single village and a long white beach on its western side that is often completely empty. There is nowhere to buy lunch, so take a picnic, and be back at the pier in good time: the last boat does not wait, and the island’s one guesthouse is usually full.',
        'Day returns to all three islands are cheaper when booked the evening before, and children under five travel free. The ferries carry bicycles at no extra cost, which is worth knowing on Longholm in particular. Whichever you choose, take a waterproof. The forecast on the islands is not always the forecast in the harbour.',
      ],
    },
    {
      id: 'a28',
      topic: 'travel',
      author: 'Sam Whitlock',
      title: 'Walking the old salt road, one village at a time',
      standfirst: 'A medieval trading route across the moors has reopened as a 60-mile footpath with an inn every few miles.',
      body: [
        'For six hundred years, packhorses carried salt from the coastal pans across the moors to the market towns inland. The route they followed, known simply as the salt road, fell out of use when the railways came, and parts of it vanished under fields and forestry. This spring, after a decade of work by walkers’ groups, it has reopened as a 60-mile footpath.',
        'I walked it over five days in April, starting from the coast and heading west. The first stretch climbs steeply out of the valley on a sunken lane worn a metre deep by centuries of hooves. Within an hour the sea had disappeared behind me, and there was nothing but heather, skylarks and the stone markers that have guided travellers since the Middle Ages.',
        'The route was planned around the inns where the salt carriers stopped for the night, and several are still open. At the Packhorse in Thorne, the landlord showed me a ledger from 1790 recording the names of carriers and the number of horses in each train. The fire in the bar is said not to have gone out since then, which I chose to believe.',
        'The path is well marked, but the moor can be disorientating in mist, and a map and compass are essential on the high sections. Villages are between eight and fourteen miles apart, which makes for full days but not exhausting ones. A luggage service will carry your bag between inns for a modest fee, which I used and do not regret.',
        'On the last afternoon the path drops into the market town where the salt was once sold, and ends at the old market cross. There is a small plaque recording the route, and a bench facing east, back towards the moor. I sat there for a long time. It is the kind of walk that takes a while to finish, even after you have stopped.',
      ],
    },
    {
      id: 'a29',
      topic: 'travel',
      author: 'Hana Sato',
      title: 'Eating your way through a night market: a beginner’s plan',
      standfirst: 'Go hungry, bring cash, share everything and follow the longest queue.',
      body: [
        'Night markets are among the great pleasures of travel, and among the most overwhelming. Hundreds of stalls, the smoke of a dozen grills, a crowd moving in both directions and no menu in a language you can read: it is easy to panic, buy the first thing you see and be full before you reach the good part. A little planning helps.',
        'First, arrive hungry but not starving, and walk the whole market once before buying anything. Note what looks good, which stalls have queues of local people and which are empty. The queue is the most reliable review you will find. A stall where the cook makes one thing, over and over, is usually a stall that makes that thing very well.',
        'Second, go with friends and share everything. Portions at night markets are small and cheap for a reason: the idea is to try many things, not to have a meal. Four people sharing can easily sample fifteen dishes in an evening. If you are travelling alone, ask for half portions, or simply accept that you will come back tomorrow.',
        'Third, bring cash in small notes, and a packet of tissues. Many stalls do not take cards, and few have change for large notes. Napkins are rare and sauce is not. A small bottle of water is useful too, especially if you have been persuaded to try the stall with the most chillies painted on its sign.',
        'Finally, finish with something sweet, and take your time over it. Many markets have a dessert corner, often near the exit, selling shaved ice, sweet soups, pancakes or fried dough. Find a stool, watch the crowd go past and let the evening slow down. It is the part of the night you will remember longest.',
      ],
    },
    {
      id: 'a30',
      topic: 'travel',
      author: 'Sam Whitlock',
      title: 'Packing light: what a year of carry-on-only travel taught me',
      standfirst: 'Twelve trips, one small bag and a surprising list of things I never missed.',
      body: [
        'At the start of last year I made a rule: wherever I went, for however long, I would take only a bag that fitted in an overhead locker. Twelve trips later, including a three-week journey across two climates, I have not broken it, and I do not intend to go back. Here is what I learned.',
        'The biggest change is in how you choose clothes. Everything in the bag has to go with everything else, which in practice means two or three colours that mix easily, and fabrics that dry overnight after a wash in a hotel sink. I took five tops, two pairs of trousers and one warm layer on almost every trip, and nobody noticed.',
        'Shoes are the hardest part, because they are heavy and bulky. I settled on wearing one pair of comfortable walking shoes and packing a single light pair for evenings. Everything else stayed at home. On the one occasion I needed walking boots, I hired them locally, which cost less than the bag fee on the flight would have.',
        'The things I never missed surprised me: a second jumper, a hair dryer, most of my toiletries, and almost every “just in case” item I had carried for years. Things I would not travel without now include a small first-aid kit, a universal adaptor, a light rain jacket and a fabric bag that folds into its own pocket.',
        'The real benefit is not the money saved on luggage fees, though that adds up. It is the freedom. You walk straight out of the airport, you can change plans and move on within the hour, and you never stand at a carousel watching other people’s suitcases go round. I used to think of packing light as a sacrifice. Now it feels like the opposite.',
      ],
    },
  ];

  // The editors' order of each front-page slot, first to last: the site's
  // prior, which personalization nudges. Topics are mixed, and the tennis
  // stories sit low, so a reader who follows tennis sees them climb.
  const frontPage = {
    'front-page': { limit: 6, pinned: 'a21', order: ['a21', 'a16', 'a06', 'a11', 'a26', 'a01', 'a22', 'a17', 'a02', 'a12', 'a07', 'a04', 'a27', 'a03'] },
    more: { limit: 8, order: ['a18', 'a08', 'a13', 'a23', 'a28', 'a24', 'a14', 'a09', 'a19', 'a29', 'a25', 'a10', 'a05', 'a15', 'a20', 'a30'] },
  };

  /** An article's features for Attune: `topic:tennis author:Jane-Okafor`. */
  const featuresOf = (article) => [`topic:${article.topic}`, `author:${article.author.replaceAll(' ', '-')}`];

  /**
   * The "Recently viewed" box, on the front page and below each story: Attune draws the stories this
   * browser read here into it from the template, newest first (data-attune-strategy="recent").
   */
  const recentlyViewed = `<section class="box" aria-labelledby="recently-viewed">
        <h2 id="recently-viewed">Recently viewed</h2>
        <ul class="recent-strip" data-attune-slot="recent" data-attune-strategy="recent" data-attune-limit="4">
          <li class="empty">Stories you read show here. They are kept in this browser only.</li>
          <template><li><a data-attune-field="url"><span data-attune-field="title"></span></a></li></template>
        </ul>
      </section>`;

  return Object.freeze({ topics, articles, frontPage, featuresOf, recentlyViewed });
})();
